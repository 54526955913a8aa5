package dev.obs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.obs.Obs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConfigKeysTest {
  private final ConfigKeys keys = ConfigKeys.load(ConfigKeys.class.getClassLoader());

  @Test
  void obsCoreContributesItsKeysThroughTheClassLoader() {
    assertThat(keys.isKnown("obs.http.uri-cap")).isTrue();
    assertThat(keys.isKnown("OBS_HTTP_URI_CAP")).isTrue();
    assertThat(keys.isKnown("obs.http.uri-cpa")).isFalse();
  }

  @Test
  void aPatternStandsForANameWithDashesOrDots() {
    ConfigKeys receivers = ConfigKeys.of(List.of("obs.alerts.notify.receiver.*.url"));

    assertThat(receivers.isKnown("obs.alerts.notify.receiver.team-slack.url")).isTrue();
    assertThat(receivers.isKnown("obs.alerts.notify.receiver.team-slack.ulr")).isFalse();
    assertThat(receivers.isKnown("obs.alerts.notify.receiver..url")).isFalse();
  }

  @Test
  void anUnknownKeyIsNamedWithTheNearestKnownOne() {
    assertThat(keys.nearest("obs.http.uri-cpa")).contains("obs.http.uri-cap");
    assertThat(keys.message("obs.http.uri.cpa"))
        .isEqualTo("unknown key obs.http.uri.cpa is ignored (did you mean obs.http.uri-cap?)");
    assertThat(keys.message("obs.completely.different.thing"))
        .isEqualTo("unknown key obs.completely.different.thing is ignored; no obs module reads it");
  }

  @Test
  void startingObsWithAMisspelledKeyLogsOneWarning() {
    Logger logger = (Logger) LoggerFactory.getLogger(ConfigKeys.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (Obs obs =
        Obs.builder()
            .config(ObsConfig.of(Map.of("obs.http.uri-cpa", "50", "obs.http.uri-cap", "50")))
            .jvmMetrics(false)
            .build()) {
      obs.start();
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "obs config: unknown key obs.http.uri.cpa is ignored (did you mean obs.http.uri-cap?)");
    assertThat(appender.list.get(0).getLevel().toString()).isEqualTo("WARN");
  }

  @Test
  void aHeaderNameThatIsNotAnHttpTokenFailsWhenObsIsBuilt() {
    assertThatThrownBy(
            () ->
                Obs.builder()
                    .config(ObsConfig.of(Map.of("obs.http.request-id-header", "Bad Header:x")))
                    .build())
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.http.request-id-header must be an HTTP header name of letters, digits and"
                + " !#$%&'*+-.^_`|~ like X-Request-ID, got 'Bad Header:x'");
  }
}
