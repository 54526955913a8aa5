package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.config.ObsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentrySettingsTest {
  @Test
  void defaultsApplyWhenNothingIsSet() {
    SentrySettings s = SentrySettings.fromConfig(ObsConfig.empty(), name -> null);

    assertThat(s.dsn()).isNull();
    assertThat(s.environment()).isEqualTo("production");
    assertThat(s.sampleRate()).isEqualTo(1.0);
    assertThat(s.sendDefaultPii()).isFalse();
    assertThat(s.maxQueueSize()).isEqualTo(100);
    assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void obsKeysWinOverTheSentryEnvironmentVariables() {
    Map<String, String> env =
        Map.of(
            "SENTRY_DSN", "http://env@127.0.0.1:1/1",
            "SENTRY_ENVIRONMENT", "staging",
            "SENTRY_RELEASE", "env-release");
    ObsConfig config =
        ObsConfig.of(
            Map.of(
                "obs.sentry.dsn", "http://obs@127.0.0.1:1/1",
                "obs.sentry.release", "1.2.3",
                "obs.sentry.server-name", "web-1"));

    SentrySettings s = SentrySettings.fromConfig(config, env::get);

    assertThat(s.dsn()).isEqualTo("http://obs@127.0.0.1:1/1");
    assertThat(s.environment()).isEqualTo("staging");
    assertThat(s.release()).isEqualTo("1.2.3");
    assertThat(s.serverName()).isEqualTo("web-1");
  }

  @Test
  void releaseComesFromTheManifestVersionAndCommit() throws IOException {
    assertThat(release("Implementation-Version: 1.4.2\nGit-Commit: 9f2c1ab\n"))
        .isEqualTo("1.4.2+9f2c1ab");
    assertThat(release("Implementation-Version: 1.4.2\n")).isEqualTo("1.4.2");
    assertThat(release("Implementation-Title: app\n")).isNull();
  }

  private static String release(String attributes) throws IOException {
    String manifest = "Manifest-Version: 1.0\n" + attributes;
    return SentrySettings.release(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
  }
}
