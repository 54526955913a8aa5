package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;

import dev.obs.Obs;
import dev.obs.http.HttpExchange;
import dev.obs.http.HttpMetricsOptions;
import dev.obs.http.HttpServerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObsExtensionConfigurationTest {

  @Nested
  class WithConfig {
    @RegisterExtension
    final ObsExtension extension =
        ObsExtension.withConfig(
            Map.of("obs.http.buckets", "100ms,1s", "obs.metrics.jvm.enabled", "true"));

    @Test
    void obsKeysConfigureTheObs(Obs obs, MeterRegistry registry) {
      obs.http().record(new HttpExchange("GET", "/hello", "/hello", 200, 50_000_000, null, null));

      assertThat(registry)
          .hasMeter("jvm.memory.used")
          .timer(HttpServerMetrics.REQUESTS)
          .hasBucketCount(Duration.ofMillis(100), 1)
          .hasBucketCount(Duration.ofSeconds(1), 1);
    }
  }

  @Nested
  class Customized {
    @RegisterExtension
    final ObsExtension extension =
        ObsExtension.create()
            .customize(
                builder ->
                    builder.http(
                        HttpMetricsOptions.builder()
                            .buckets(List.of(Duration.ofMillis(30)))
                            .build()));

    @Test
    void theCustomizerAppliesToEachBuilder(Obs obs, MeterRegistry registry) {
      obs.http().record(new HttpExchange("GET", "/hello", "/hello", 200, 20_000_000, null, null));

      assertThat(registry)
          .doesNotHaveMeter("jvm.memory.used")
          .timer(HttpServerMetrics.REQUESTS)
          .hasBucketCount(Duration.ofMillis(30), 1);
    }
  }
}
