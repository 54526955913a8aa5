package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LoggingOptionsTest {
  @Test
  void emptyConfigGivesTheDocumentedDefaults() {
    LoggingOptions o = LoggingOptions.fromConfig(ObsConfig.empty());

    assertThat(o.service()).isEmpty();
    assertThat(o.version()).isEmpty();
    assertThat(o.environment()).isEmpty();
    assertThat(o.maskFields())
        .containsExactly("password", "token", "secret", "authorization", "cookie", "api_key");
    assertThat(o.maskPatterns()).isEmpty();
    assertThat(o.stackDepth()).isEqualTo(30);
    assertThat(o.async()).isFalse();
    assertThat(o.asyncQueueSize()).isEqualTo(8192);
    assertThat(o.accessLog()).isFalse();
  }

  @Test
  void everyKeyIsRead() {
    LoggingOptions o =
        LoggingOptions.fromConfig(
            ObsConfig.of(
                Map.of(
                    "obs.logging.service", "billing",
                    "obs.logging.version", "1.4.2",
                    "obs.logging.environment", "prod",
                    "obs.logging.mask.fields", "pin, ssn",
                    "obs.logging.mask.patterns", "card=(\\d{4,16}), [a,b]x",
                    "obs.logging.stack-depth", "5",
                    "obs.logging.async.enabled", "true",
                    "obs.logging.async.queue-size", "100",
                    "obs.logging.access-log", "TRUE")));

    assertThat(o.service()).isEqualTo("billing");
    assertThat(o.version()).isEqualTo("1.4.2");
    assertThat(o.environment()).isEqualTo("prod");
    assertThat(o.maskFields()).containsExactly("pin", "ssn");
    assertThat(o.maskPatterns())
        .map(Pattern::pattern)
        .containsExactly("card=(\\d{4,16})", "[a,b]x");
    assertThat(o.stackDepth()).isEqualTo(5);
    assertThat(o.async()).isTrue();
    assertThat(o.asyncQueueSize()).isEqualTo(100);
    assertThat(o.accessLog()).isTrue();
  }

  @Test
  void invalidValuesFailWithTheKeyTheValueAndTheRule() {
    assertInvalid(
        "obs.logging.stack-depth",
        "0",
        "obs.logging.stack-depth must be a positive integer like 30, got '0'");
    assertInvalid(
        "obs.logging.async.queue-size",
        "lots",
        "obs.logging.async.queue-size must be a positive integer like 8192, got 'lots'");
    assertInvalid(
        "obs.logging.async.enabled",
        "yes",
        "obs.logging.async.enabled must be true or false, got 'yes'");
    assertInvalid(
        "obs.logging.access-log",
        "maybe",
        "obs.logging.access-log must be true or false, got 'maybe'");
    assertInvalid(
        "obs.logging.mask.patterns",
        "ok, a(b",
        "obs.logging.mask.patterns must be comma-separated Java regular expressions, and 'a(b'"
            + " is not one (Unclosed group), got 'ok, a(b'");
  }

  private static void assertInvalid(String key, String value, String message) {
    assertThatThrownBy(() -> LoggingOptions.fromConfig(ObsConfig.of(Map.of(key, value))))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(message)
        .extracting(e -> ((ObsConfigException) e).key())
        .isEqualTo(key);
  }

  @Test
  void commasInsideBracesAndClassesBelongToThePattern() {
    assertThat(LoggingOptions.splitPatterns("a{1,3}, [,;]b ,c\\,d,,"))
        .containsExactly("a{1,3}", "[,;]b", "c\\,d");
  }

  @Test
  void builderRejectsOutOfRangeValues() {
    assertThatThrownBy(() -> LoggingOptions.builder().stackDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stackDepth must be at least 1, got 0");
    assertThatThrownBy(() -> LoggingOptions.builder().asyncQueueSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("asyncQueueSize must be at least 1, got -1");
    assertThatThrownBy(() -> LoggingOptions.builder().maskFields(List.of("password", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mask field names must not be blank, got [password,  ]");
  }

  @Test
  void toBuilderDerivesAVariant() {
    LoggingOptions base = LoggingOptions.builder().service("a").stackDepth(3).build();

    LoggingOptions derived = base.toBuilder().environment("dev").build();

    assertThat(derived.service()).isEqualTo("a");
    assertThat(derived.stackDepth()).isEqualTo(3);
    assertThat(derived.environment()).isEqualTo("dev");
  }
}
