package dev.obs.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyConfigTest {
  private final ManualClock clock = new ManualClock(TestAlerts.T0);

  @TempDir Path dir;

  private Notifications load(Map<String, String> values) {
    return Notifications.fromConfig(ObsConfig.of(values), new SimpleMeterRegistry(), clock);
  }

  private static Map<String, String> twoReceivers() {
    Map<String, String> m = new HashMap<>();
    m.put("obs.alerts.notify.receivers", "telegram, team-slack");
    m.put("obs.alerts.notify.receiver.telegram.type", "telegram");
    m.put("obs.alerts.notify.receiver.telegram.bot-token", "123:ABC");
    m.put("obs.alerts.notify.receiver.telegram.chat-id", "-100");
    m.put("obs.alerts.notify.receiver.team-slack.type", "slack");
    m.put("obs.alerts.notify.receiver.team-slack.url", "https://hooks.slack.com/services/x");
    m.put("obs.alerts.notify.routes", "critical");
    m.put("obs.alerts.notify.route.critical.match", "severity=critical");
    m.put("obs.alerts.notify.route.critical.receivers", "telegram");
    m.put("obs.alerts.notify.route.critical.group-wait", "10s");
    m.put("obs.alerts.notify.default.receivers", "team-slack");
    m.put("obs.alerts.notify.repeat-interval", "1h");
    return m;
  }

  @Test
  void receiversAndRoutesComeFromTheKeys() {
    try (Notifications n = load(twoReceivers())) {
      assertThat(n.receivers()).containsExactly("telegram", "team-slack");
      assertThat(n.routes()).extracting(Route::name).containsExactly("critical", "default");
      Route critical = n.routes().get(0);
      assertThat(critical.groupWait()).isEqualTo(Duration.ofSeconds(10));
      assertThat(critical.groupInterval()).isEqualTo(Route.DEFAULT_GROUP_INTERVAL);
      assertThat(critical.repeatInterval()).isEqualTo(Duration.ofHours(1));
      assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "critical")))
          .containsExactly("telegram");
      assertThat(n.receiversFor(TestAlerts.labels("X"))).containsExactly("team-slack");
    }
  }

  @Test
  void emptyConfigurationLogsEveryAlert() {
    try (Notifications n = load(Map.of())) {
      assertThat(n.receivers()).containsExactly("log");
      assertThat(n.routes()).extracting(Route::name).containsExactly("default");
      assertThat(n.routes().get(0).groupWait()).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void unknownTypeNamesTheKeyAndTheAcceptedValues() {
    Map<String, String> m = twoReceivers();
    m.put("obs.alerts.notify.receiver.telegram.type", "pager");

    assertThatThrownBy(() -> load(m))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.alerts.notify.receiver.telegram.type must be one of log, slack, telegram,"
                + " webhook, email, alertmanager, got 'pager'");
  }

  @Test
  void missingRequiredSettingsAreNamed() {
    Map<String, String> m = twoReceivers();
    m.remove("obs.alerts.notify.receiver.telegram.chat-id");
    assertThatThrownBy(() -> load(m))
        .hasMessage(
            "obs.alerts.notify.receiver.telegram.chat-id must be set for a telegram receiver,"
                + " got ''");

    Map<String, String> badUrl = twoReceivers();
    badUrl.put("obs.alerts.notify.receiver.team-slack.url", "hooks.slack.com");
    assertThatThrownBy(() -> load(badUrl))
        .hasMessage(
            "obs.alerts.notify.receiver.team-slack.url must be an http or https URL like"
                + " https://host/path, got 'hooks.slack.com'");
  }

  @Test
  void routeToAnUnknownReceiverIsRejected() {
    Map<String, String> m = twoReceivers();
    m.put("obs.alerts.notify.route.critical.receivers", "telegram, pagerduty");

    assertThatThrownBy(() -> load(m))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.alerts.notify.route.critical.receivers must name receivers among log, telegram,"
                + " team-slack, got 'telegram,pagerduty'");
  }

  @Test
  void invalidLimitsMatchersAndDigestAreRejected() {
    Map<String, String> limit = twoReceivers();
    limit.put("obs.alerts.notify.rule-limit", "ten");
    assertThatThrownBy(() -> load(limit))
        .hasMessage(
            "obs.alerts.notify.rule-limit must be count/period like 10/1h or 20/1m, got 'ten'");

    Map<String, String> match = twoReceivers();
    match.put("obs.alerts.notify.route.critical.match", "severity");
    assertThatThrownBy(() -> load(match))
        .isInstanceOf(ObsConfigException.class)
        .hasMessageStartingWith("obs.alerts.notify.route.critical.match must be comma-separated");

    Map<String, String> lookahead = twoReceivers();
    lookahead.put("obs.alerts.notify.route.critical.match", "instance=~\"(?!db).*\"");
    assertThatThrownBy(() -> load(lookahead))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.alerts.notify.route.critical.match must be comma-separated matchers like"
                + " severity=critical, team=~\"db|ops\" (invalid regular expression '(?!db).*' for"
                + " label 'instance': invalid or unsupported Perl syntax: `(?!` (RE2 syntax, as in"
                + " Prometheus, has no lookaround)), got 'instance=~\"(?!db).*\"'");

    Map<String, String> zone = twoReceivers();
    zone.put("obs.alerts.notify.digest.receiver", "team-slack");
    zone.put("obs.alerts.notify.digest.zone", "Mars/Base");
    assertThatThrownBy(() -> load(zone))
        .hasMessage(
            "obs.alerts.notify.digest.zone must be a time zone like UTC or Europe/Berlin, got"
                + " 'Mars/Base'");
  }

  @Test
  void unreadableSilencesFileFailsAtStart() throws Exception {
    Path file = dir.resolve("silences.json");
    Files.writeString(file, "{not json");
    Map<String, String> m = new HashMap<>();
    m.put("obs.alerts.notify.silences.file", file.toString());

    assertThatThrownBy(() -> load(m))
        .isInstanceOf(ObsConfigException.class)
        .hasMessageStartingWith(
            "obs.alerts.notify.silences.file must name a readable silences JSON file");
  }

  @Test
  void emailReceiverNeedsRecipients() {
    Map<String, String> m = new HashMap<>();
    m.put("obs.alerts.notify.receivers", "mail");
    m.put("obs.alerts.notify.receiver.mail.type", "email");
    m.put("obs.alerts.notify.receiver.mail.smtp-host", "127.0.0.1");
    m.put("obs.alerts.notify.receiver.mail.from", "obs@example.org");

    assertThatThrownBy(() -> load(m))
        .hasMessage(
            "obs.alerts.notify.receiver.mail.to must list at least one address for an email"
                + " receiver, got ''");
  }
}
