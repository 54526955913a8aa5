package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sends malformed bodies, parameters and headers to every obs endpoint of obs-servlet over
 * loopback, from a seeded generator so a failure replays: none may answer 5xx, and every answer
 * that is an error, or comes from an API, is JSON. The seed is {@code -Dobs.fuzz.seed} (15 by
 * default) and the number of requests {@code -Dobs.fuzz.requests} (800 by default).
 */
class EndpointFuzzIT {
  private static final String TOKEN = "fuzz-token";
  private static final List<String> PATHS =
      List.of(
          "/livez",
          "/readyz",
          "/healthz",
          "/metrics",
          "/status",
          "/status.json",
          "/status/assets/status.js",
          "/status/assets/nope.js",
          "/obs/api/summary",
          "/obs/api/series",
          "/obs/admin/alerts",
          "/obs/admin/rules",
          "/obs/admin/alerts/test",
          "/obs/admin/silences",
          "/obs/admin/silences/0f8c2c1e-0000-0000-0000-000000000000",
          "/obs/admin/incidents");
  // Paths whose every answer is JSON; the others serve HTML, Prometheus text or static files.
  private static final List<String> TEXT_PATHS =
      List.of("/metrics", "/status", "/status/assets/status.js");
  private static final String[] METHODS = {
    "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "HEAD"
  };
  private static final String[] PARAMS = {
    "metric", "from", "to", "step", "window", "route", "id", "lang", "state", "json"
  };
  private static final String[] FIELDS = {
    "matchers",
    "duration",
    "ends_at",
    "created_by",
    "comment",
    "route",
    "receiver",
    "title",
    "state",
    "message",
    "id"
  };

  private final ObjectMapper json = new ObjectMapper();
  private Obs obs;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (obs != null) {
      obs.close();
    }
  }

  @Test
  void malformedRequestsToEveryEndpointGetNo5xxAndJsonErrors() throws Exception {
    long seed = Long.getLong("obs.fuzz.seed", 15);
    int requests = Integer.getInteger("obs.fuzz.requests", 800);
    obs =
        Obs.builder()
            .config(
                ObsConfig.of(
                    Map.of(
                        "obs.admin.token", TOKEN,
                        "obs.web.exposure.include", "health,metrics,api,admin,status",
                        "obs.alerts.builtin.enabled", "true",
                        "obs.health.show-details", "when-authorized")))
            .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .jvmMetrics(false)
            .build()
            .start();
    server = TestServer.start(context -> ObsServlets.register(context.getServletContext(), obs));
    Random random = new Random(seed);
    List<String> failures = new ArrayList<>();
    int closedEarly = 0;
    for (int i = 0; i < requests; i++) {
      String path = PATHS.get(random.nextInt(PATHS.size()));
      String method = METHODS[random.nextInt(METHODS.length)];
      String query = query(random);
      String body = method.equals("GET") || method.equals("HEAD") ? null : body(random);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(server.uri(path + query))
              .timeout(Duration.ofSeconds(10))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      headers(random, request);
      HttpResponse<String> response;
      try {
        response = server.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // A server may answer (401, 405, 413) without reading the body and close the connection
        // while the client still writes it; the client then never sees the answer. Under load
        // this happens to small bodies too, so any request with a body may end so, within the
        // bound checked below.
        if (body != null) {
          closedEarly++;
          continue;
        }
        failures.add("no answer: #" + i + " " + method + " " + path + query + ": " + e);
        continue;
      }
      String what =
          "#"
              + i
              + " "
              + method
              + " "
              + path
              + query
              + " body="
              + abbreviate(body)
              + " -> "
              + response.statusCode()
              + " "
              + abbreviate(response.body());
      if (response.statusCode() >= 500) {
        failures.add("5xx: " + what);
      } else if (expectsJson(method, path, response) && !isJson(response.body())) {
        failures.add("not JSON: " + what);
      }
      if (failures.size() >= 10) {
        break;
      }
    }
    if (!failures.isEmpty()) {
      fail("seed " + seed + ":\n" + String.join("\n", failures));
    }
    assertThat(failures).isEmpty();
    assertThat(closedEarly).as("requests whose body was refused unread").isLessThan(requests / 4);
  }

  private static boolean expectsJson(String method, String path, HttpResponse<String> response) {
    if (method.equals("HEAD") || (method.equals("OPTIONS") && response.body().isEmpty())) {
      return false;
    }
    return response.statusCode() >= 400 || !TEXT_PATHS.contains(path);
  }

  private boolean isJson(String body) {
    try {
      return json.readTree(body).isObject();
    } catch (Exception e) {
      return false;
    }
  }

  private static String query(Random random) {
    int n = random.nextInt(4);
    if (n == 0) {
      return "";
    }
    StringBuilder q = new StringBuilder("?");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        q.append('&');
      }
      q.append(PARAMS[random.nextInt(PARAMS.length)])
          .append('=')
          .append(URLEncoder.encode(value(random), StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  /** Values at and past the edges: huge and negative numbers, odd instants and durations. */
  private static String value(Random random) {
    return switch (random.nextInt(16)) {
      case 0 -> "9223372036854775807";
      case 1 -> "-1";
      case 2 -> "1e309";
      case 3 -> "NaN";
      case 4 -> "+1000000000-01-01T00:00:00Z";
      case 5 -> "0";
      case 6 -> "99999999999999999999d";
      case 7 -> "PT-5M";
      case 8 -> "0.000001ns";
      case 9 -> "requests";
      case 10 -> "p95";
      case 11 -> "../../etc/passwd";
      case 12 -> "x".repeat(random.nextInt(3000));
      case 13 -> "\u0000\u202e<script>";
      case 14 -> Long.toString(random.nextLong());
      default -> "2026-0" + random.nextInt(20) + "-01T00:00:00Z";
    };
  }

  private static String body(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> "";
      case 1 -> "{";
      case 2 -> "[".repeat(random.nextInt(5000));
      case 3 -> "{\"a\": 1} {\"b\": 2}";
      case 4 -> "{\"duration\": \"1h\", \"duration\": \"2h\"}";
      case 5 -> "null";
      case 6 -> "\"just a string\"";
      case 7 -> randomBytes(random);
      case 8 -> "{\"comment\": \"" + "y".repeat(70_000) + "\"}";
      default -> object(random);
    };
  }

  /**
   * An object of the fields the endpoints read, each with a value of a random, often wrong, type.
   */
  private static String object(Random random) {
    StringBuilder out = new StringBuilder("{");
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\":");
      out.append(
          switch (random.nextInt(9)) {
            case 0 -> "1e999";
            case 1 -> "[]";
            case 2 -> "{}";
            case 3 -> "[\"alertname=~\\\".*\\\"\"]";
            case 4 -> "[\"alertname=A\", 7, null]";
            case 5 -> "\"9999999d\"";
            case 6 -> "\"2026-13-45T99:99:99Z\"";
            case 7 -> "\"" + value(random).replace("\\", "").replace("\"", "") + "\"";
            default -> "true";
          });
    }
    return out.append('}').toString();
  }

  private static String randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static void headers(Random random, HttpRequest.Builder request) {
    switch (random.nextInt(6)) {
      case 0 -> request.header("Authorization", "Bearer " + TOKEN);
      case 1 -> request.header("Authorization", "Bearer " + TOKEN);
      case 2 -> request.header("Authorization", "Basic !!!not-base64");
      case 3 -> request.header("Authorization", "Bearer " + "z".repeat(random.nextInt(4000)));
      case 4 -> request.header("Authorization", "");
      default -> {}
    }
    if (random.nextBoolean()) {
      request.header(
          "Content-Type",
          random.nextBoolean() ? "application/json; charset=utf-16" : "text/plain;;;");
    }
    if (random.nextBoolean()) {
      request.header("Accept-Language", random.nextBoolean() ? "zz-ZZ;q=abc, *;q=-1" : "ko,;");
    }
    if (random.nextBoolean()) {
      request.header("X-Request-ID", "id with spaces and \\ quotes \"");
    }
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "none";
    }
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
  }
}
