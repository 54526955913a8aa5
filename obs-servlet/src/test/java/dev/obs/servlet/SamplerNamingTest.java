package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.alerts.MeterSampler;
import dev.obs.health.HealthResult;
import dev.obs.http.HttpExchange;
import dev.obs.promql.InMemorySeriesStore;
import dev.obs.promql.LabelMatcher;
import dev.obs.promql.Labels;
import dev.obs.promql.Series;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The sampler must name series exactly as Prometheus sees them in a scrape of the same meters, so a
 * rule means the same in-process and in Prometheus.
 */
class SamplerNamingTest {

  @Test
  void everySampledSeriesAppearsInAPrometheusScrapeOfTheSameMeters() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("app", "shop");
    try (Obs obs = Obs.builder().meterRegistry(registry).build().start()) {
      obs.health().register("db", () -> HealthResult.up());
      obs.health().checkAll();
      obs.http().record(exchange());
      AtomicLong size = new AtomicLong(7);
      Counter.builder("orders.placed")
          .baseUnit("orders")
          .tag("kind", "web")
          .register(registry)
          .increment(3);
      Counter.builder("cache.evictions").register(registry).increment();
      Gauge.builder("queue.size", size, AtomicLong::get).baseUnit("messages").register(registry);
      Gauge.builder("pool.utilisation", size, AtomicLong::get).register(registry);
      TimeGauge.builder("oldest.message.age", size, TimeUnit.MILLISECONDS, AtomicLong::get)
          .register(registry);
      Timer.builder("jobs.run")
          .publishPercentileHistogram()
          .register(registry)
          .record(Duration.ofMillis(20));
      Timer.builder("jobs.plain").register(registry).record(Duration.ofMillis(5));
      Timer.builder("jobs.percentiles")
          .publishPercentiles(0.5, 0.95)
          .register(registry)
          .record(Duration.ofMillis(5));
      Timer.builder("jobs.slo")
          .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100))
          .register(registry)
          .record(Duration.ofMillis(50));
      DistributionSummary.builder("payload.size")
          .baseUnit("bytes")
          .publishPercentileHistogram()
          .register(registry)
          .record(1234);
      DistributionSummary.builder("batch.items")
          .serviceLevelObjectives(10, 100)
          .register(registry)
          .record(42);
      FunctionCounter.builder("mails.sent", size, AtomicLong::get).register(registry);
      FunctionTimer.builder("legacy.calls", size, s -> 3, s -> 1.5, TimeUnit.SECONDS)
          .register(registry);
      LongTaskTimer.builder("imports.running").register(registry).start();

      InMemorySeriesStore store = new InMemorySeriesStore(100_000);
      int sampled = new MeterSampler(registry, store).sample(1_000);
      Set<String> scraped = scrape(registry.scrape());
      Set<String> ours = new TreeSet<>();
      for (Series s : store.select(List.of(LabelMatcher.equal("app", "shop")), 0, 2_000)) {
        ours.add(canonical(s.labels().asMap()));
      }

      assertThat(scraped).containsAll(ours);
      assertThat(ours).hasSize(sampled);
      assertThat(ours)
          .contains(
              "obs_health_status{app=\"shop\",check=\"db\"}",
              "orders_placed_orders_total{app=\"shop\",kind=\"web\"}",
              "cache_evictions_total{app=\"shop\"}",
              "queue_size_messages{app=\"shop\"}",
              "oldest_message_age_seconds{app=\"shop\"}",
              "jobs_run_seconds_bucket{app=\"shop\",le=\"+Inf\"}",
              "jobs_run_seconds_count{app=\"shop\"}",
              "jobs_run_seconds_sum{app=\"shop\"}",
              "jobs_run_seconds_max{app=\"shop\"}",
              "jobs_slo_seconds_bucket{app=\"shop\",le=\"0.01\"}",
              "jobs_percentiles_seconds{app=\"shop\",quantile=\"0.95\"}",
              "payload_size_bytes_count{app=\"shop\"}",
              "batch_items_bucket{app=\"shop\",le=\"100.0\"}",
              "mails_sent_total{app=\"shop\"}",
              "legacy_calls_seconds_count{app=\"shop\"}",
              "jvm_memory_used_bytes{app=\"shop\",area=\"heap\",id=\"G1 Eden Space\"}",
              "process_cpu_usage{app=\"shop\"}");
      assertThat(ours.stream().filter(s -> s.startsWith("http_server_requests_seconds_bucket")))
          .isNotEmpty();
    }
  }

  private static HttpExchange exchange() {
    return new HttpExchange("GET", "/orders/{id}", "/orders/7", 200, 12_000_000L, null, null);
  }

  /** Parses the text exposition into canonical series identities. */
  private static Set<String> scrape(String text) {
    Set<String> out = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      Map<String, String> labels = new HashMap<>();
      String name;
      if (brace < 0 || brace > space) {
        name = line.substring(0, space).trim();
      } else {
        name = line.substring(0, brace);
        String body = line.substring(brace + 1, line.lastIndexOf('}'));
        int i = 0;
        while (i < body.length()) {
          int eq = body.indexOf('=', i);
          String key = body.substring(i, eq);
          StringBuilder value = new StringBuilder();
          int j = eq + 2;
          while (body.charAt(j) != '"') {
            char c = body.charAt(j);
            if (c == '\\') {
              char n = body.charAt(++j);
              value.append(n == 'n' ? '\n' : n);
            } else {
              value.append(c);
            }
            j++;
          }
          labels.put(key, value.toString());
          i = j + 1;
          if (i < body.length() && body.charAt(i) == ',') {
            i++;
          }
        }
      }
      labels.put(Labels.METRIC_NAME, name);
      out.add(canonical(labels));
    }
    return out;
  }

  private static String canonical(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder(labels.get(Labels.METRIC_NAME)).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(labels).entrySet()) {
      if (e.getKey().equals(Labels.METRIC_NAME)) {
        continue;
      }
      sb.append(first ? "" : ",").append(e.getKey()).append("=\"").append(e.getValue()).append('"');
      first = false;
    }
    return sb.append('}').toString();
  }
}
