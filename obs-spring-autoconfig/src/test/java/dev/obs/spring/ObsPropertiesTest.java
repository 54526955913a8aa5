package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.config.ObsConfig;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthRegistry;
import dev.obs.http.HttpMetricsOptions;
import dev.obs.logging.LoggingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The defaults the metadata shows are the ones obs-core applies. */
class ObsPropertiesTest {
  private static final Map<String, String> defaults = new HashMap<>();

  @BeforeAll
  static void readMetadata() throws IOException {
    try (InputStream in =
        ObsPropertiesTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      JsonNode metadata = new ObjectMapper().readTree(in);
      for (JsonNode p : metadata.get("properties")) {
        if (p.has("defaultValue")) {
          defaults.put(p.get("name").asText(), p.get("defaultValue").asText());
        }
      }
    }
  }

  private static Duration duration(String key) {
    return ObsConfig.of(Map.of(key, defaults.get(key))).nonNegativeDuration(key, Duration.ZERO);
  }

  private static List<String> list(String key) {
    return ObsConfig.of(Map.of(key, defaults.get(key))).list(key);
  }

  @Test
  void httpDefaultsMatchObsCore() {
    assertThat(defaults.get("obs.http.uri-cap"))
        .isEqualTo(Integer.toString(HttpMetricsOptions.DEFAULT_URI_CAP));
    assertThat(defaults.get("obs.http.error-statuses"))
        .isEqualTo(HttpMetricsOptions.DEFAULT_ERROR_STATUSES);
    assertThat(list("obs.http.buckets").stream().map(ObsConfig::parseDuration))
        .containsExactlyElementsOf(HttpMetricsOptions.DEFAULT_BUCKETS);
  }

  @Test
  void healthDefaultsMatchObsCore() {
    assertThat(duration("obs.health.timeout")).isEqualTo(CheckOptions.DEFAULT_TIMEOUT);
    assertThat(duration("obs.health.cache-ttl")).isEqualTo(CheckOptions.DEFAULT_CACHE_TTL);
    assertThat(defaults.get("obs.health.threads"))
        .isEqualTo(Integer.toString(HealthRegistry.Builder.DEFAULT_THREADS));
  }

  @Test
  void loggingDefaultsMatchObsCore() {
    assertThat(defaults.get("obs.logging.stack-depth"))
        .isEqualTo(Integer.toString(LoggingOptions.DEFAULT_STACK_DEPTH));
    assertThat(defaults.get("obs.logging.async.queue-size"))
        .isEqualTo(Integer.toString(LoggingOptions.DEFAULT_QUEUE_SIZE));
    assertThat(list("obs.logging.mask.fields"))
        .containsExactlyElementsOf(LoggingOptions.DEFAULT_MASK_FIELDS);
  }
}
