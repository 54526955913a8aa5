package dev.obs.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code /livez} (the liveness group), {@code /readyz} (the readiness group) and {@code
 * /healthz} (every check, or one group with {@code ?group=} or one check with {@code ?check=}).
 * Answers 200 for UP and DEGRADED and 503 for DOWN, with a JSON body; messages, durations and
 * details are shown only to callers presenting the admin token, unless configured otherwise.
 */
public final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Who sees check messages, durations and details. */
  public enum ShowDetails {
    /** Nobody: every caller sees statuses only. */
    NEVER,
    /** Callers the {@link AdminGuard} permits: {@code Authorization: Bearer <obs.admin.token>}. */
    WHEN_AUTHORIZED,
    /** Every caller. */
    ALWAYS;

    /**
     * Parses {@code never}, {@code when-authorized} or {@code always}.
     *
     * @param text the configured value
     * @return the policy, or {@code null} when the text is none of those
     */
    public static @Nullable ShowDetails parse(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "never" -> NEVER;
        case "when-authorized", "when_authorized" -> WHEN_AUTHORIZED;
        case "always" -> ALWAYS;
        default -> null;
      };
    }
  }

  private final transient HealthRegistry health;
  private final transient AdminGuard guard;
  private final transient ShowDetails showDetails;
  private final transient ObjectMapper json =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /**
   * Creates the servlet.
   *
   * @param health the registry to report
   * @param guard decides who is an operator, for {@link ShowDetails#WHEN_AUTHORIZED}
   * @param showDetails who sees messages and details
   */
  public HealthServlet(HealthRegistry health, AdminGuard guard, ShowDetails showDetails) {
    this.health = health;
    this.guard = guard;
    this.showDetails = showDetails;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getServletPath();
    HealthReport report;
    if (path.endsWith("/livez")) {
      report = health.checkGroup(CheckOptions.LIVENESS);
    } else if (path.endsWith("/readyz")) {
      report = health.checkGroup(CheckOptions.READINESS);
    } else if (req.getParameter("check") != null) {
      String name = req.getParameter("check");
      report = health.checkOne(name);
      if (report == null) {
        res.setStatus(HttpServletResponse.SC_NOT_FOUND);
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", "not_found");
        error.put("message", "no health check named '" + name + "'");
        JsonResponses.write(res, json.writeValueAsString(error));
        return;
      }
    } else if (req.getParameter("group") != null) {
      report = health.checkGroup(req.getParameter("group"));
    } else {
      report = health.checkAll();
    }
    boolean details =
        showDetails == ShowDetails.ALWAYS
            || (showDetails == ShowDetails.WHEN_AUTHORIZED && guard.permits(req));
    res.setStatus(report.status().isAvailable() ? 200 : 503);
    JsonResponses.write(res, body(report, details));
  }

  private String body(HealthReport report, boolean details) throws JsonProcessingException {
    Map<String, Object> checks = new LinkedHashMap<>();
    report.checks().forEach((name, result) -> checks.put(name, check(result, details)));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("status", report.status().name());
    root.put("checks", checks);
    root.put("timestamp", report.timestamp().toString());
    try {
      return json.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // A detail value Jackson cannot write: fall back to statuses only rather than fail.
      return body(report, false);
    }
  }

  private static Map<String, Object> check(HealthResult result, boolean details) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", result.status().name());
    if (details) {
      out.put("duration_ms", result.duration().toMillis());
      if (result.message() != null) {
        out.put("message", result.message());
      }
      if (!result.details().isEmpty()) {
        out.put("details", result.details());
      }
    }
    return out;
  }
}
