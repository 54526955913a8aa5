package dev.obs.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks {@code docs/grafana/obs-dashboard.json} against the sample: every metric a Prometheus
 * panel queries must appear in the sample's {@code /metrics}, except the few listed in {@link
 * #NOT_FROM_THE_SAMPLE} with the reason each is absent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrafanaDashboardIT {
  static final Path DASHBOARD = Path.of("..", "..", "docs", "grafana", "obs-dashboard.json");

  /** Metrics the dashboard queries that the sample cannot expose, each with why. */
  static final Set<String> NOT_FROM_THE_SAMPLE =
      Set.of(
          // Written by Prometheus (or obs's in-process rule evaluator) from alert rules, never by
          // the application's /metrics.
          "ALERTS",
          // Published by obs-backup's jobs; the sample runs no backup plan.
          "obs_backup_last_success_timestamp_seconds",
          "obs_backup_size_bytes",
          // HikariCP's own meters; the sample has no connection pool.
          "hikaricp_connections_active",
          "hikaricp_connections_idle",
          "hikaricp_connections_pending",
          "hikaricp_connections_max",
          "hikaricp_connections_acquire_seconds_sum",
          "hikaricp_connections_acquire_seconds_count");

  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\w+");
  private static final Pattern NAME = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static Set<String> metricNames(String expr) {
    String s = QUOTED.matcher(expr).replaceAll("\"\"");
    s = MATCHERS.matcher(s).replaceAll(" ");
    s = GROUPING.matcher(s).replaceAll(" ");
    s = RANGE.matcher(s).replaceAll(" ");
    s = VARIABLE.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(s);
    while (m.find()) {
      String name = m.group();
      int end = m.end();
      boolean call = end < s.length() && s.substring(end).stripLeading().startsWith("(");
      if (!call && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static void panels(JsonNode node, List<JsonNode> out) {
    for (JsonNode p : node.path("panels")) {
      out.add(p);
      panels(p, out);
    }
  }

  @Test
  void theExpressionParserFindsMetricNamesOnly() {
    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                    + "{job=~\"$job\", uri=~\"$route\"}[$__rate_interval])))"))
        .containsExactly("http_server_requests_seconds_bucket");
    assertThat(metricNames("time() - max by (plan) (obs_backup_last_success_timestamp_seconds)"))
        .containsExactly("obs_backup_last_success_timestamp_seconds");
    assertThat(metricNames("a / on(x) b > bool 0.5 and c{le=\"1\"} offset 5m"))
        .containsExactly("a", "b", "c");
  }

  @Test
  void everyMetricTheDashboardQueriesIsExposedByTheSample() throws Exception {
    JsonNode dashboard = json.readTree(DASHBOARD.toFile());
    List<JsonNode> all = new ArrayList<>();
    panels(dashboard, all);
    Set<String> queried = new TreeSet<>();
    Set<Integer> ids = new HashSet<>();
    boolean lokiRequestId = false;
    for (JsonNode panel : all) {
      assertThat(ids.add(panel.path("id").asInt()))
          .as("unique panel id %s", panel.path("id"))
          .isTrue();
      for (JsonNode target : panel.path("targets")) {
        String type =
            target
                .path("datasource")
                .path("type")
                .asText(panel.path("datasource").path("type").asText());
        String expr = target.path("expr").asText();
        if (type.equals("loki")) {
          lokiRequestId |= expr.contains("request_id");
        } else {
          assertThat(type).as("datasource of %s", panel.path("title")).isEqualTo("prometheus");
          queried.addAll(metricNames(expr));
        }
      }
    }
    assertThat(lokiRequestId).as("a Loki panel filters on request_id").isTrue();
    assertThat(queried)
        .contains("http_server_requests_seconds_bucket", "obs_health_status", "ALERTS");

    Set<String> exposed;
    try (SampleApp app = SampleApp.start(0)) {
      URI base = URI.create("http://127.0.0.1:" + app.port());
      for (String path : List.of("/hello", "/fail", "/readyz")) {
        client.send(
            HttpRequest.newBuilder(base.resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());
      }
      String metrics =
          client
              .send(
                  HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      exposed = new HashSet<>();
      for (String line : metrics.split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          exposed.add(line.split("[{ ]", 2)[0]);
        }
      }
    }
    Set<String> missing = new TreeSet<>(queried);
    missing.removeAll(exposed);
    missing.removeAll(NOT_FROM_THE_SAMPLE);
    assertThat(missing)
        .as("metrics the dashboard queries but the sample does not expose")
        .isEmpty();
  }
}
