package dev.obs.alerts.notify;

import static dev.obs.alerts.notify.TestAlerts.T0;
import static dev.obs.alerts.notify.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Receiver URLs carry secrets; neither failures nor configuration errors may show them. */
class ReceiverUrlRedactionTest {
  private static Notification notification() {
    return new Notification(
        Notification.Kind.ALERTS,
        "hook",
        "{}",
        Map.of(),
        List.of(firing("HighErrorRate", T0)),
        T0,
        "");
  }

  @Test
  void aFailedWebhookDeliveryNamesTheUrlWithoutItsUserInfoOrQueryValues() {
    // Port 1 on loopback refuses the connection at once.
    Notifier webhook =
        Notifier.webhook(URI.create("http://user:SECRET@127.0.0.1:1/hook?token=hunter2"));

    assertThat(webhook.toString()).isEqualTo("webhook POST http://***@127.0.0.1:1/hook?token=***");
    assertThatThrownBy(() -> webhook.send(notification()))
        .isInstanceOf(DeliveryException.class)
        .message()
        .startsWith("webhook POST http://***@127.0.0.1:1/hook?token=*** failed: ")
        .doesNotContain("SECRET")
        .doesNotContain("hunter2");
  }

  @Test
  void eachReceiverTypeShowsOnlyWhereItPoints() {
    assertThat(
            Notifier.slack(
                    URI.create("https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/Zy9Xw8"))
                .toString())
        .isEqualTo("slack POST https://hooks.slack.com/services/***/***/***");
    assertThat(
            Notifier.telegram(
                    URI.create("https://api.telegram.org"), "123456:AAHdqTcvCH1vGWJxfSe", "42")
                .toString())
        .isEqualTo("telegram POST https://api.telegram.org/***/sendMessage");
    assertThat(Notifier.alertmanager(URI.create("https://ops:pw@am.example.com:9093")).toString())
        .isEqualTo("alertmanager POST https://***@am.example.com:9093/api/v2/alerts");
  }

  @Test
  void anInvalidReceiverUrlIsEchoedRedactedInTheStartUpError() {
    ObsConfig config =
        ObsConfig.of(
            Map.of(
                "obs.alerts.notify.receiver.hook.type", "webhook",
                "obs.alerts.notify.receiver.hook.url", "ftp://user:SECRET@host/hook?token=hunter2",
                "obs.alerts.notify.receivers", "hook",
                "obs.alerts.notify.default.receivers", "hook"));

    assertThatThrownBy(
            () -> Notifications.fromConfig(config, new SimpleMeterRegistry(), new ManualClock(T0)))
        .hasMessage(
            "obs.alerts.notify.receiver.hook.url must be an http or https URL like"
                + " https://host/path, got 'ftp://***@host/hook?token=***'");
  }
}
