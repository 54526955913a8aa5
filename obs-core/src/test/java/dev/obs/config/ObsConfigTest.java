package dev.obs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObsConfigTest {

  @Test
  void systemPropertiesWinOverEnvironmentWhichWinsOverTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("obs.properties");
    Files.writeString(
        file, "obs.http.uri-cap=100\nobs.metrics.token=from-file\nobs.http.enabled=false\n");
    Properties system = new Properties();
    system.setProperty("obs.config.file", file.toString());
    system.setProperty("obs.http.uri-cap", "300");
    Map<String, String> env = Map.of("OBS_HTTP_URI_CAP", "200", "OBS_METRICS_TOKEN", "from-env");

    ObsConfig config = ObsConfig.fromSources(system, env, Thread.currentThread());

    assertThat(config.positiveInt("obs.http.uri-cap", 500)).isEqualTo(300);
    assertThat(config.string("obs.metrics.token", "")).isEqualTo("from-env");
    assertThat(config.bool("obs.http.enabled", true)).isFalse();
  }

  @Test
  void unreadableConfigFileFailsNamingTheKey(@TempDir Path dir) {
    Properties system = new Properties();
    system.setProperty("obs.config.file", dir.resolve("missing.properties").toString());

    assertThatThrownBy(() -> ObsConfig.fromSources(system, Map.of(), Thread.currentThread()))
        .isInstanceOf(ObsConfigException.class)
        .hasMessageStartingWith(
            "obs.config.file must name a readable properties file, got '"
                + dir.resolve("missing.properties")
                + "'");
  }

  @Test
  void missingKeysReturnDefaults() {
    ObsConfig config = ObsConfig.empty();

    assertThat(config.bool("obs.x", true)).isTrue();
    assertThat(config.positiveInt("obs.x", 7)).isEqualTo(7);
    assertThat(config.duration("obs.x", Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.list("obs.x")).isEmpty();
  }

  @Test
  void parsesDurationsInShortAndIsoForms() {
    ObsConfig config =
        ObsConfig.of(
            Map.of(
                "obs.a", "250ms", "obs.b", "1.5s", "obs.c", "PT2M", "obs.d", "1d", "obs.e", "3h"));

    assertThat(config.duration("obs.a", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(config.duration("obs.b", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.duration("obs.c", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.duration("obs.d", Duration.ZERO)).isEqualTo(Duration.ofDays(1));
    assertThat(config.duration("obs.e", Duration.ZERO)).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void badValuesFailNamingTheKeyTheValueAndWhatIsAccepted() {
    ObsConfig config =
        ObsConfig.of(Map.of("obs.a", "yes", "obs.b", "-1", "obs.c", "2 seconds", "obs.d", "0s"));

    assertThatThrownBy(() -> config.bool("obs.a", false))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.a must be true or false, got 'yes'");
    assertThatThrownBy(() -> config.positiveInt("obs.b", 500))
        .hasMessage("obs.b must be a positive integer like 500, got '-1'");
    assertThatThrownBy(() -> config.duration("obs.c", Duration.ofSeconds(2)))
        .hasMessage("obs.c must be a positive duration like 250ms, 2s or 5m, got '2 seconds'");
    assertThatThrownBy(() -> config.duration("obs.d", Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(
            ObsConfigException.class, e -> assertThat(e.key()).isEqualTo("obs.d"));
  }

  @Test
  void listsAreCommaSeparatedAndTrimmed() {
    ObsConfig config = ObsConfig.of(Map.of("obs.http.exclude", " /a/** , ,/b "));

    assertThat(config.list("obs.http.exclude")).containsExactly("/a/**", "/b");
  }

  @Test
  void keysMatchRegardlessOfDashesUnderscoresAndCase() {
    ObsConfig config = ObsConfig.of(Map.of("obs.http.URI_CAP", "9"));

    assertThat(config.positiveInt("obs.http.uri-cap", 1)).isEqualTo(9);
  }
}
