package dev.obs.servlet;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.obs.config.ObsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides who may use obs's guarded endpoints ({@code /obs/admin/*}, {@code /obs/api/*}, the backup
 * API, {@code /metrics} when protected) and who sees health details. It accepts, in {@code
 * Authorization}: static bearer tokens ({@code obs.admin.token} and the named {@code
 * obs.admin.tokens.<name>.token}, compared in constant time), HTTP Basic users whose password
 * hashes are configured ({@code obs.admin.users.<name>.password-hash}, bcrypt or PBKDF2), and JWT
 * bearer tokens ({@code obs.admin.jwt.*}). Every credential grants {@link Access#READ} or {@link
 * Access#WRITE}; GET and HEAD need read, every other method needs write. {@code
 * obs.admin.allow-from} limits callers to CIDR blocks.
 *
 * <p>Without a configured credential the guarded endpoints answer 403; a caller without a valid
 * credential gets 401 with one {@code WWW-Authenticate}; a caller outside the allowed networks or
 * whose credential grants too little gets 403. Refusals are JSON: {@code {"error": "forbidden" |
 * "unauthorized", "message": …}}. Writes through {@link #serve} are written to the {@code
 * obs.audit} logger and counted in {@code obs.admin.requests{action,result}}.
 *
 * <p>A servlet of your own can be guarded the same way:
 *
 * <pre>{@code
 * AdminGuard guard = AdminGuard.fromConfig(obs.config(), obs.meterRegistry(), obs.clock());
 * // in HttpServlet.service(request, response):
 * guard.serve(request, response, "reports", () -> super.service(request, response));
 * }</pre>
 */
public final class AdminGuard {
  /** The configuration key of the admin bearer token, named {@code admin} in audit lines. */
  public static final String TOKEN_KEY = BearerTokens.TOKEN_KEY;

  static final String PRINCIPAL_ATTRIBUTE = AdminGuard.class.getName() + ".principal";
  static final String ACTION_ATTRIBUTE = AdminGuard.class.getName() + ".action";
  static final String TARGET_ATTRIBUTE = AdminGuard.class.getName() + ".target";
  static final String CHALLENGE = "Bearer realm=\"obs\"";
  private static final String BASIC_CHALLENGE = "Basic realm=\"obs\", charset=\"UTF-8\", ";
  private static final String FORBIDDEN =
      "the admin API is off: configure obs.admin.token, obs.admin.tokens.*, obs.admin.users.* or"
          + " obs.admin.jwt.* to use it";
  private static final String UNAUTHORIZED = "a valid credential is required for the admin API";

  /** What a credential lets its holder do. */
  public enum Access {
    /** GET and HEAD: reading metrics, history, alerts, silences, incidents and backups. */
    READ,
    /** Every method: silences, incidents, test notifications, backup trigger and restore. */
    WRITE;

    static Access parse(ObsConfig config, String key) {
      String text = config.string(key, "write").trim().toLowerCase(Locale.ROOT);
      return switch (text) {
        case "read" -> READ;
        case "write" -> WRITE;
        default -> throw ObsConfig.invalid(key, text, "must be read or write");
      };
    }
  }

  /** The guarded work of a request; {@link #serve} runs it once the caller is admitted. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Handles the admitted request.
     *
     * @throws ServletException when the servlet fails
     * @throws IOException when the response cannot be written
     */
    void handle() throws ServletException, IOException;
  }

  private final BearerTokens tokens;
  private final BasicUsers users;
  private final @Nullable JwtVerifier jwt;
  private final AddressRanges allowFrom;
  private final AdminAudit audit;
  private final boolean openWhenUnconfigured;
  private final String forbiddenBody;
  private final String unauthorizedBody;

  private AdminGuard(
      BearerTokens tokens,
      BasicUsers users,
      @Nullable JwtVerifier jwt,
      AddressRanges allowFrom,
      AdminAudit audit,
      boolean openWhenUnconfigured,
      String forbiddenBody,
      String unauthorizedBody) {
    this.tokens = tokens;
    this.users = users;
    this.jwt = jwt;
    this.allowFrom = allowFrom;
    this.audit = audit;
    this.openWhenUnconfigured = openWhenUnconfigured;
    this.forbiddenBody = forbiddenBody;
    this.unauthorizedBody = unauthorizedBody;
  }

  /**
   * Returns the guard configured by the {@code obs.admin.*} keys, with audit lines but no meter.
   *
   * @param config the configuration
   * @return the guard
   * @throws dev.obs.config.ObsConfigException when a credential setting is invalid
   */
  public static AdminGuard fromConfig(ObsConfig config) {
    return build(config, null, Clock.systemUTC());
  }

  /**
   * Returns the guard configured by the {@code obs.admin.*} keys, counting admin writes in {@code
   * registry} and checking token expiry and cached passwords against {@code clock}.
   *
   * @param config the configuration
   * @param registry where {@code obs.admin.requests} is counted
   * @param clock the clock of JWT expiry and of the Basic credential cache
   * @return the guard
   * @throws dev.obs.config.ObsConfigException when a credential setting is invalid
   */
  public static AdminGuard fromConfig(ObsConfig config, MeterRegistry registry, Clock clock) {
    return build(config, registry, clock);
  }

  private static AdminGuard build(ObsConfig config, @Nullable MeterRegistry registry, Clock clock) {
    return new AdminGuard(
        BearerTokens.fromConfig(config),
        BasicUsers.fromConfig(config, clock),
        JwtVerifier.fromConfig(config, clock),
        AddressRanges.fromConfig(config),
        new AdminAudit(registry),
        false,
        body("forbidden", FORBIDDEN),
        body("unauthorized", UNAUTHORIZED));
  }

  /**
   * Returns a guard that admits callers presenting this bearer token, with write access.
   *
   * @param token the token, or {@code null} or empty for none (the guarded endpoints are then off)
   * @return the guard
   */
  public static AdminGuard ofToken(@Nullable String token) {
    return new AdminGuard(
        BearerTokens.none().with("admin", token, Access.WRITE),
        BasicUsers.none(Clock.systemUTC()),
        null,
        AddressRanges.any(),
        new AdminAudit(null),
        false,
        body("forbidden", FORBIDDEN),
        body("unauthorized", UNAUTHORIZED));
  }

  /**
   * Tells whether a credential is configured.
   *
   * @return true when the guard has a token, a user or a JWT key to check callers with
   */
  public boolean isConfigured() {
    return !tokens.isEmpty() || !users.isEmpty() || jwt != null;
  }

  /**
   * Tells whether the request presents a credential granting read access from an allowed address,
   * without answering it; false when no credential is configured. Health uses this to decide
   * whether to show details.
   *
   * @param request the request
   * @return true when the caller is an operator
   */
  public boolean permits(HttpServletRequest request) {
    if (!isConfigured() || !allowFrom.allows(request.getRemoteAddr())) {
      return false;
    }
    AdminPrincipal principal = authenticate(request);
    return principal != null && principal.grants(Access.READ);
  }

  /**
   * Lets the request through, or answers it, needing read access for GET and HEAD and write access
   * for every other method. Call it before anything else, for every HTTP method.
   *
   * @param request the request
   * @param response the response, written only when the request is refused
   * @return true when the request may proceed; false when the guard has answered it
   * @throws IOException when the refusal cannot be written
   */
  public boolean admit(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return admit(request, response, accessFor(request));
  }

  /**
   * Lets the request through when it presents a credential granting {@code needed}, or answers it:
   * 403 when no credential is configured, the client address is not allowed or the credential
   * grants too little; 401 with {@code WWW-Authenticate} when no valid credential is presented.
   *
   * @param request the request
   * @param response the response, written only when the request is refused
   * @param needed the access the request needs
   * @return true when the request may proceed; false when the guard has answered it
   * @throws IOException when the refusal cannot be written
   */
  public boolean admit(HttpServletRequest request, HttpServletResponse response, Access needed)
      throws IOException {
    Refusal refusal = decide(request, needed);
    if (refusal == null) {
      return true;
    }
    refusal.write(response);
    return false;
  }

  /** Why the request is refused, or null when it may proceed. */
  private @Nullable Refusal decide(HttpServletRequest request, Access needed) {
    if (!isConfigured()) {
      return openWhenUnconfigured
          ? null
          : new Refusal(HttpServletResponse.SC_FORBIDDEN, forbiddenBody, null);
    }
    String client = request.getRemoteAddr();
    if (!allowFrom.allows(client)) {
      return new Refusal(
          HttpServletResponse.SC_FORBIDDEN,
          body("forbidden", "the client address " + client + " is not in " + AddressRanges.KEY),
          null);
    }
    AdminPrincipal principal = authenticate(request);
    if (principal == null) {
      return new Refusal(HttpServletResponse.SC_UNAUTHORIZED, unauthorizedBody, challenge());
    }
    request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
    if (!principal.grants(needed)) {
      String grants =
          principal.access() == null
              ? "grants no access"
              : "grants " + principal.access().name().toLowerCase(Locale.ROOT) + " access";
      return new Refusal(
          HttpServletResponse.SC_FORBIDDEN,
          body(
              "forbidden",
              "the credential "
                  + principal
                  + " "
                  + grants
                  + "; this request needs "
                  + needed.name().toLowerCase(Locale.ROOT)),
          null);
    }
    return null;
  }

  /** A refusal: the status, the JSON body and, for 401, the challenge. */
  private record Refusal(int status, String body, @Nullable String challenge) {
    void write(HttpServletResponse response) throws IOException {
      if (challenge != null) {
        response.setHeader("WWW-Authenticate", challenge);
      }
      refuse(response, status, body);
    }
  }

  /**
   * Admits the request as {@link #admit(HttpServletRequest, HttpServletResponse)} does and runs the
   * handler; a write (any method but GET and HEAD), admitted or not, is then written to the audit
   * log and counted. Its action is {@code <area>.<method>} unless the handler names it with {@link
   * #describe}; its result is {@code ok} (2xx/3xx), {@code rejected} (4xx), {@code failed} (5xx or
   * an exception), {@code unauthorized} or {@code forbidden}.
   *
   * @param request the request
   * @param response the response
   * @param area the endpoint family, such as {@code silences}, the prefix of the default action
   * @param handler the work to do once the request is admitted
   * @throws ServletException when the handler throws it
   * @throws IOException when the handler throws it or the response cannot be written
   */
  public void serve(
      HttpServletRequest request, HttpServletResponse response, String area, Handler handler)
      throws ServletException, IOException {
    Access needed = accessFor(request);
    boolean write = needed == Access.WRITE && (isConfigured() || !openWhenUnconfigured);
    Refusal refusal = decide(request, needed);
    if (refusal != null) {
      // Audited before the answer, so the line exists once the caller has read the refusal.
      if (write) {
        auditWrite(request, area, refusal.status() == 401 ? "unauthorized" : "forbidden");
      }
      refusal.write(response);
      return;
    }
    try {
      handler.handle();
    } catch (IOException | ServletException | RuntimeException e) {
      if (write) {
        auditWrite(request, area, "failed");
      }
      throw e;
    }
    if (write) {
      int status = response.getStatus();
      auditWrite(request, area, status < 400 ? "ok" : status < 500 ? "rejected" : "failed");
    }
  }

  /**
   * Names the action and the target of a write for its audit line; call it from the handler.
   *
   * @param request the request being handled
   * @param action the action, such as {@code silence.create}
   * @param target the id of what the write touched, or {@code null} when there is none
   */
  public static void describe(ServletRequest request, String action, @Nullable String target) {
    request.setAttribute(ACTION_ATTRIBUTE, action);
    if (target != null) {
      request.setAttribute(TARGET_ATTRIBUTE, target);
    }
  }

  private void auditWrite(HttpServletRequest request, String area, String result) {
    Object action = request.getAttribute(ACTION_ATTRIBUTE);
    Object target = request.getAttribute(TARGET_ATTRIBUTE);
    Object principal = request.getAttribute(PRINCIPAL_ATTRIBUTE);
    audit.record(
        action instanceof String a ? a : area + "." + request.getMethod().toLowerCase(Locale.ROOT),
        target instanceof String t ? t : null,
        principal instanceof AdminPrincipal p ? p : null,
        request.getRemoteAddr(),
        result);
  }

  private static Access accessFor(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method) ? Access.READ : Access.WRITE;
  }

  /** The principal of the credential the request presents, or null. */
  @Nullable AdminPrincipal authenticate(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return null;
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = authorization.substring(0, space);
    String value = authorization.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      AdminPrincipal token = tokens.match(value);
      if (token != null || jwt == null || value.chars().filter(c -> c == '.').count() != 2) {
        return token;
      }
      return jwt.verify(value);
    }
    if (scheme.equalsIgnoreCase("Basic") && !users.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : users.verify(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    return null;
  }

  private String challenge() {
    return users.isEmpty() ? CHALLENGE : BASIC_CHALLENGE + CHALLENGE;
  }

  /** The kinds of credential configured, for the start-up line, such as {@code tokens [admin]}. */
  String describeCredentials() {
    List<String> out = new ArrayList<>();
    if (!tokens.isEmpty()) {
      out.add("bearer tokens " + tokens.names());
    }
    if (!users.isEmpty()) {
      out.add("basic users " + users.names());
    }
    if (jwt != null) {
      out.add("jwt");
    }
    if (allowFrom.isRestricted()) {
      out.add("from " + AddressRanges.KEY);
    }
    return out.isEmpty() ? "no credential" : String.join(", ", out);
  }

  private static void refuse(HttpServletResponse response, int status, String body)
      throws IOException {
    response.setStatus(status);
    JsonResponses.write(response, body);
  }

  /**
   * A copy that lets every request through while no credential is configured, for the endpoints
   * that are public unless protected: {@code /metrics} and, when made public, {@code /obs/api/*}.
   */
  AdminGuard openWhenUnconfigured() {
    return new AdminGuard(
        tokens, users, jwt, allowFrom, audit, true, forbiddenBody, unauthorizedBody);
  }

  /** A copy that also admits this named token, with this access. */
  AdminGuard withToken(String name, @Nullable String token, Access access) {
    return new AdminGuard(
        tokens.with(name, token, access),
        users,
        jwt,
        allowFrom,
        audit,
        openWhenUnconfigured,
        forbiddenBody,
        unauthorizedBody);
  }

  /** A copy that admits nobody with the admin credentials: only tokens added later. */
  AdminGuard withoutCredentials() {
    return new AdminGuard(
        BearerTokens.none(),
        BasicUsers.none(Clock.systemUTC()),
        null,
        allowFrom,
        audit,
        openWhenUnconfigured,
        forbiddenBody,
        unauthorizedBody);
  }

  /** A copy whose 403 answer, when no credential is configured, carries this message. */
  AdminGuard forbiddenMessage(String message) {
    return new AdminGuard(
        tokens,
        users,
        jwt,
        allowFrom,
        audit,
        openWhenUnconfigured,
        body("forbidden", message),
        unauthorizedBody);
  }

  /** A copy whose 401 answer carries this message. */
  AdminGuard unauthorizedMessage(String message) {
    return new AdminGuard(
        tokens,
        users,
        jwt,
        allowFrom,
        audit,
        openWhenUnconfigured,
        forbiddenBody,
        body("unauthorized", message));
  }

  static String body(String error, String message) {
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    return "{\"error\":\""
        + new String(encoder.quoteAsString(error))
        + "\",\"message\":\""
        + new String(encoder.quoteAsString(message))
        + "\"}";
  }
}
