package dev.obs.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.config.ObsConfig;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The configuration and code of docs/notifications.md, loaded and built as written there. */
class NotificationsDocExamplesTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private Notifications fromProperties(String text) throws Exception {
    Properties props = new Properties();
    props.load(new StringReader(text));
    Map<String, String> values = new HashMap<>();
    props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
    return Notifications.fromConfig(ObsConfig.of(values), registry, new ManualClock(TestAlerts.T0));
  }

  @Test
  void quickStartPropertiesAndCodeBuildTheSameRouting() throws Exception {
    String token = "123456:ABC-your-bot-token";
    String chatId = "-1001234567890";
    String slackWebhook = "https://hooks.slack.com/services/T000/B000/XXXX";
    try (Notifications fromKeys =
            fromProperties(
                """
                obs.alerts.notify.receivers=telegram, team-slack
                obs.alerts.notify.receiver.telegram.type=telegram
                obs.alerts.notify.receiver.telegram.bot-token=123456:ABC-your-bot-token
                obs.alerts.notify.receiver.telegram.chat-id=-1001234567890
                obs.alerts.notify.receiver.team-slack.type=slack
                obs.alerts.notify.receiver.team-slack.url=https://hooks.slack.com/services/T000/B000/XXXX

                obs.alerts.notify.routes=critical
                obs.alerts.notify.route.critical.match=severity=critical
                obs.alerts.notify.route.critical.receivers=telegram, team-slack
                obs.alerts.notify.default.receivers=team-slack
                """);
        Notifications notifications =
            Notifications.builder(registry)
                .receiver(
                    Receiver.of(
                        "telegram", Notifier.telegram(Notifier.TELEGRAM_API, token, chatId)))
                .receiver(Receiver.of("team-slack", Notifier.slack(URI.create(slackWebhook))))
                .route(
                    Route.builder("critical")
                        .match("severity=critical")
                        .receivers("telegram", "team-slack")
                        .build())
                .defaultRoute(Route.builder("default").receivers("team-slack").build())
                .build()) {
      for (Notifications n : List.of(fromKeys, notifications)) {
        assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "critical")))
            .containsExactly("telegram", "team-slack");
        assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "warning")))
            .containsExactly("team-slack");
      }
      assertThat(fromKeys.routes()).isEqualTo(notifications.routes());
    }
  }

  @Test
  void routingExampleSendsEachAlertWhereThePageSays() throws Exception {
    try (Notifications n =
        fromProperties(
            """
            obs.alerts.notify.receivers=telegram, oncall-mail, db-slack
            obs.alerts.notify.receiver.telegram.type=telegram
            obs.alerts.notify.receiver.telegram.bot-token=t
            obs.alerts.notify.receiver.telegram.chat-id=1
            obs.alerts.notify.receiver.oncall-mail.type=email
            obs.alerts.notify.receiver.oncall-mail.smtp-host=smtp.example.org
            obs.alerts.notify.receiver.oncall-mail.smtp-port=587
            obs.alerts.notify.receiver.oncall-mail.smtp-starttls=true
            obs.alerts.notify.receiver.oncall-mail.from=obs@example.org
            obs.alerts.notify.receiver.oncall-mail.to=oncall@example.org, lead@example.org
            obs.alerts.notify.receiver.db-slack.type=slack
            obs.alerts.notify.receiver.db-slack.url=https://hooks.slack.com/services/T/B/X

            obs.alerts.notify.routes=critical, database
            obs.alerts.notify.route.critical.match=severity=critical
            obs.alerts.notify.route.critical.receivers=telegram, oncall-mail
            obs.alerts.notify.route.critical.continue=true
            obs.alerts.notify.route.database.match=team=~"db|data"
            obs.alerts.notify.route.database.receivers=db-slack
            """)) {
      assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "critical", "team", "db")))
          .containsExactly("telegram", "oncall-mail", "db-slack");
      assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "critical", "team", "web")))
          .containsExactly("telegram", "oncall-mail");
      assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "warning", "team", "db")))
          .containsExactly("db-slack");
      assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "warning")))
          .containsExactly("log");
    }
  }
}
