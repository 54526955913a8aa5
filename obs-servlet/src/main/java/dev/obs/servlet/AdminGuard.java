package dev.obs.servlet;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.obs.config.ObsConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Decides who may use obs's operator endpoints ({@code /obs/admin/*}, {@code /obs/api/*}, the
 * backup API) and who sees health details. Today the credential is a bearer token, {@code
 * obs.admin.token}: callers send {@code Authorization: Bearer <token>} (the scheme in any case) and
 * the token is compared in constant time. Without a configured token the admin endpoints are off
 * and answer 403; with one, any other caller gets 401 and {@code WWW-Authenticate: Bearer
 * realm="obs"}. Refusals are JSON: {@code {"error": "forbidden" | "unauthorized", "message": …}}.
 *
 * <p>Every obs endpoint asks this class, so a servlet of your own can be guarded the same way:
 *
 * <pre>{@code
 * AdminGuard guard = AdminGuard.fromConfig(obs.config());
 * // in HttpServlet.service(request, response):
 * if (!guard.admit(request, response)) {
 *   return; // the guard has answered 401 or 403
 * }
 * }</pre>
 */
public final class AdminGuard {
  /** The configuration key of the admin bearer token. */
  public static final String TOKEN_KEY = "obs.admin.token";

  static final String CHALLENGE = "Bearer realm=\"obs\"";
  private static final String FORBIDDEN = "the admin API is off: set obs.admin.token to use it";
  private static final String UNAUTHORIZED = "a valid bearer token is required for the admin API";
  private static final String SCHEME = "Bearer ";

  // A digest of the token rather than the token: comparing digests takes the same time whatever
  // the length of what a caller sends, so timing reveals neither the token nor its length.
  private final byte @Nullable [] tokenDigest;
  private final boolean openWhenUnconfigured;
  private final String forbiddenBody;
  private final String unauthorizedBody;

  private AdminGuard(
      byte @Nullable [] tokenDigest,
      boolean openWhenUnconfigured,
      String forbiddenBody,
      String unauthorizedBody) {
    this.tokenDigest = tokenDigest;
    this.openWhenUnconfigured = openWhenUnconfigured;
    this.forbiddenBody = forbiddenBody;
    this.unauthorizedBody = unauthorizedBody;
  }

  /**
   * Returns the guard configured by {@value #TOKEN_KEY}; without that key no credential is
   * configured.
   *
   * @param config the configuration
   * @return the guard
   */
  public static AdminGuard fromConfig(ObsConfig config) {
    return ofToken(config.get(TOKEN_KEY).orElse(null));
  }

  /**
   * Returns a guard that admits callers presenting this bearer token.
   *
   * @param token the token, or {@code null} or empty for none (the guarded endpoints are then off)
   * @return the guard
   */
  public static AdminGuard ofToken(@Nullable String token) {
    byte[] digest =
        token == null || token.isEmpty() ? null : sha256(token.getBytes(StandardCharsets.UTF_8));
    return new AdminGuard(
        digest, false, body("forbidden", FORBIDDEN), body("unauthorized", UNAUTHORIZED));
  }

  /**
   * Tells whether a credential is configured.
   *
   * @return true when the guard has a token to compare with
   */
  public boolean isConfigured() {
    return tokenDigest != null;
  }

  /**
   * Tells whether the request presents the configured credential, without answering it; false when
   * none is configured. Health uses this to decide whether to show details.
   *
   * @param request the request
   * @return true when the caller is an operator
   */
  public boolean permits(HttpServletRequest request) {
    byte[] expected = tokenDigest;
    String authorization = request.getHeader("Authorization");
    if (expected == null || authorization == null) {
      return false;
    }
    if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] presented =
        authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, sha256(presented));
  }

  /**
   * Lets the request through, or answers it: 403 when no credential is configured, 401 with {@code
   * WWW-Authenticate: Bearer realm="obs"} when the request does not present it. Call it before
   * anything else, for every HTTP method.
   *
   * @param request the request
   * @param response the response, written only when the request is refused
   * @return true when the request may proceed; false when the guard has answered it
   * @throws IOException when the refusal cannot be written
   */
  public boolean admit(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!isConfigured()) {
      if (openWhenUnconfigured) {
        return true;
      }
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      JsonResponses.write(response, forbiddenBody);
      return false;
    }
    if (permits(request)) {
      return true;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", CHALLENGE);
    JsonResponses.write(response, unauthorizedBody);
    return false;
  }

  /**
   * A copy that lets every request through while no credential is configured, for the endpoints
   * documented as open until a token is set: {@code /metrics} and {@code /obs/api/*}.
   */
  AdminGuard openWhenUnconfigured() {
    return new AdminGuard(tokenDigest, true, forbiddenBody, unauthorizedBody);
  }

  /** A copy whose 403 answer carries this message. */
  AdminGuard forbiddenMessage(String message) {
    return new AdminGuard(
        tokenDigest, openWhenUnconfigured, body("forbidden", message), unauthorizedBody);
  }

  /** A copy whose 401 answer carries this message. */
  AdminGuard unauthorizedMessage(String message) {
    return new AdminGuard(
        tokenDigest, openWhenUnconfigured, forbiddenBody, body("unauthorized", message));
  }

  private static String body(String error, String message) {
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    return "{\"error\":\""
        + new String(encoder.quoteAsString(error))
        + "\",\"message\":\""
        + new String(encoder.quoteAsString(message))
        + "\"}";
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
