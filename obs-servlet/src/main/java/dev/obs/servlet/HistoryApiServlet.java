package dev.obs.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.config.ObsConfig;
import dev.obs.history.History;
import dev.obs.history.SeriesMetric;
import dev.obs.history.SeriesPoint;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serves {@code /obs/api/summary?window=24h} and {@code
 * /obs/api/series?metric=p95&route=/users/{id}&from=…&to=…&step=5m}. Both need read access from the
 * {@link AdminGuard}, since route names describe the application, unless {@code
 * obs.api.public=true}.
 */
final class HistoryApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Duration MAX_WINDOW = Duration.ofDays(90);
  private static final Duration MIN_STEP = Duration.ofMinutes(1);
  private static final long MAX_POINTS = 50_000;
  private static final int MAX_ROUTE_LENGTH = 1024;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final transient History history;
  private final transient AdminGuard guard;
  private final transient ObjectMapper json = new ObjectMapper();

  HistoryApiServlet(History history, AdminGuard guard) {
    this.history = history;
    this.guard = guard;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    guard.serve(req, res, "api", () -> super.service(req, res));
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getServletPath();
    try {
      if (path.endsWith("/summary")) {
        Duration window = duration(req, "window", Duration.ofHours(24));
        if (window.compareTo(MAX_WINDOW) > 0) {
          throw new IllegalArgumentException(
              "window must be at most 90d, got '" + req.getParameter("window") + "'");
        }
        write(res, StatusJson.summary(history.summary(window)));
      } else {
        series(req, res);
      }
    } catch (IllegalArgumentException e) {
      res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      write(res, StatusJson.error("bad_request", e.getMessage()));
    }
  }

  private void series(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String metricText = req.getParameter("metric");
    SeriesMetric metric = metricText == null ? null : SeriesMetric.parse(metricText);
    if (metric == null) {
      throw new IllegalArgumentException(
          "metric must be one of "
              + Arrays.stream(SeriesMetric.values())
                  .map(SeriesMetric::id)
                  .collect(Collectors.joining(", "))
              + ", got '"
              + metricText
              + "'");
    }
    Instant now = history.clock().instant();
    Instant to = instant(req, "to", now);
    Instant from = instant(req, "from", to.minus(Duration.ofHours(24)));
    Duration step = duration(req, "step", Duration.ofMinutes(5));
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "from must be before to, got from=" + from + " and to=" + to);
    }
    Duration range = Duration.between(from, to);
    if (range.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "from and to must be at most 90d apart, got " + range.toDays() + "d");
    }
    if (step.compareTo(MIN_STEP) < 0) {
      throw new IllegalArgumentException("step must be at least 1m, got '" + step + "'");
    }
    long pointCount = range.toSeconds() / step.toSeconds();
    if (pointCount > MAX_POINTS) {
      throw new IllegalArgumentException(
          "step must give at most "
              + MAX_POINTS
              + " points between from and to, got "
              + pointCount
              + "; raise step");
    }
    String route = req.getParameter("route");
    if (route != null && route.length() > MAX_ROUTE_LENGTH) {
      throw new IllegalArgumentException(
          "route must be at most " + MAX_ROUTE_LENGTH + " characters, got " + route.length());
    }
    List<SeriesPoint> points = history.series(metric, route, from, to, step);
    List<Object[]> values = new ArrayList<>(points.size());
    for (SeriesPoint p : points) {
      values.add(new Object[] {p.at().getEpochSecond(), StatusJson.number(p.value())});
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("metric", metric.id());
    body.put("route", route);
    body.put("from", from.toString());
    body.put("to", to.toString());
    body.put("step_seconds", step.toSeconds());
    body.put("points", values);
    write(res, body);
  }

  private static Duration duration(HttpServletRequest req, String name, Duration fallback) {
    String text = req.getParameter(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Duration d;
    try {
      d = ObsConfig.parseDuration(text);
    } catch (ArithmeticException e) {
      d = null;
    }
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(
          name + " must be a positive duration like 5m, 1h or 24h, got '" + text + "'");
    }
    return d;
  }

  private static Instant instant(HttpServletRequest req, String name, Instant fallback) {
    String text = req.getParameter(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      boolean digits = text.chars().allMatch(Character::isDigit);
      // Digits beyond a long or year 9999 are out of range, not malformed.
      Instant at =
          digits
              ? (text.length() > 12
                  ? LATEST.plusSeconds(1)
                  : Instant.ofEpochSecond(Long.parseLong(text)))
              : Instant.parse(text);
      if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
        throw new IllegalArgumentException(
            name
                + " must be between 1970-01-01T00:00:00Z and "
                + LATEST
                + " (epoch seconds 0 to "
                + LATEST.getEpochSecond()
                + "), got '"
                + text
                + "'");
      }
      return at;
    } catch (DateTimeException | NumberFormatException e) {
      throw new IllegalArgumentException(
          name
              + " must be an ISO-8601 instant like 2026-03-01T10:00:00Z or epoch seconds, got '"
              + text
              + "'");
    }
  }

  private void write(HttpServletResponse res, Object body) throws IOException {
    JsonResponses.write(res, json.writeValueAsString(body));
  }
}
