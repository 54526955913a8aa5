package dev.obs.alerts.notify;

import static dev.obs.alerts.notify.HttpReceiver.hang;
import static dev.obs.alerts.notify.HttpReceiver.status;
import static dev.obs.alerts.notify.HttpReceiver.throttled;
import static dev.obs.alerts.notify.TestAlerts.T0;
import static dev.obs.alerts.notify.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obs.alert.Alert;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpNotifiersTest {
  private final ManualClock clock = new ManualClock(T0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Notifications notifications;

  @AfterEach
  void close() throws Exception {
    if (notifications != null) {
      notifications.close();
    }
    for (AutoCloseable r : resources) {
      r.close();
    }
  }

  private HttpReceiver receiver() throws Exception {
    HttpReceiver r = new HttpReceiver();
    resources.add(r);
    return r;
  }

  private Notifications start(Receiver... receivers) {
    Notifications.Builder b =
        Notifications.builder(registry)
            .clock(clock)
            .backgroundTicks(false)
            .closeTimeout(Duration.ofSeconds(2));
    List<String> names = new ArrayList<>();
    for (Receiver r : receivers) {
      b.receiver(r.withRateLimit(null));
      names.add(r.name());
    }
    b.defaultRoute(
        Route.builder("default")
            .receivers(names.toArray(String[]::new))
            .groupWait(Duration.ZERO)
            .build());
    notifications = b.build();
    return notifications;
  }

  private void fire(Alert... alerts) {
    notifications.onAlerts(clock.instant(), List.of(alerts));
    notifications.tick();
  }

  private static Alert highErrorRate() {
    return firing("HighErrorRate", T0, "severity", "critical", "instance", "web-1");
  }

  private static final String LINE =
      "FIRING HighErrorRate {instance=\"web-1\", severity=\"critical\"} value=0.12:"
          + " HighErrorRate is firing";

  @Test
  void slackGetsTheTitleAndOneLinePerAlert() throws Exception {
    HttpReceiver slack = receiver();
    start(Receiver.of("slack", Notifier.slack(slack.url("/services/T0/B0/secret"))));

    fire(highErrorRate());

    HttpReceiver.Request request = slack.await(1).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/services/T0/B0/secret");
    assertThat(request.json())
        .isEqualTo(
            Payloads.JSON.readTree(
                "{\"text\": \"[FIRING:1] HighErrorRate\\n" + escape(LINE) + "\"}"));
    Meters.await(registry, "slack", "sent", 1);
  }

  @Test
  void telegramCallsSendMessageOfTheBotWithTheChat() throws Exception {
    HttpReceiver telegram = receiver();
    start(Receiver.of("telegram", Notifier.telegram(telegram.url("/"), "123:ABC", "-1001234")));

    fire(highErrorRate());

    HttpReceiver.Request request = telegram.await(1).get(0);
    assertThat(request.path()).isEqualTo("/bot123:ABC/sendMessage");
    JsonNode expected =
        Payloads.JSON.readTree(
            "{\"chat_id\": \"-1001234\", \"text\": \"[FIRING:1] HighErrorRate\\n"
                + escape(LINE)
                + "\", \"disable_web_page_preview\": true}");
    assertThat(request.json()).isEqualTo(expected);
  }

  @Test
  void webhookGetsTheAlertmanagerWebhookPayload() throws Exception {
    HttpReceiver hook = receiver();
    start(Receiver.of("n8n", Notifier.webhook(hook.url("/webhook/alerts"))));
    Alert alert = highErrorRate();

    fire(alert);

    JsonNode expected =
        Payloads.JSON.readTree(
            """
            {
              "version": "4",
              "groupKey": "default:{alertname=\\"HighErrorRate\\"}",
              "truncatedAlerts": 0,
              "status": "firing",
              "receiver": "n8n",
              "groupLabels": {"alertname": "HighErrorRate"},
              "commonLabels": {"alertname": "HighErrorRate", "instance": "web-1", "severity": "critical"},
              "commonAnnotations": {"summary": "HighErrorRate is firing"},
              "externalURL": "",
              "alerts": [{
                "status": "firing",
                "labels": {"alertname": "HighErrorRate", "instance": "web-1", "severity": "critical"},
                "annotations": {"summary": "HighErrorRate is firing"},
                "startsAt": "2026-03-02T00:00:00Z",
                "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "",
                "fingerprint": "%s"
              }]
            }
            """
                .formatted(alert.fingerprint()));
    assertThat(hook.await(1).get(0).json()).isEqualTo(expected);
  }

  @Test
  void serverErrorThenRecoveryIsDeliveredAfterARetry() throws Exception {
    HttpReceiver hook = receiver().answer(status(500), status(200));
    start(Receiver.of("hook", Notifier.webhook(hook.url("/"))));

    fire(highErrorRate());
    hook.await(1);
    Meters.await(registry, "hook", "retried", 1);
    // The first retry waits 1 s plus at most 25% jitter on the injected clock.
    clock.advance(Duration.ofMillis(1250));
    notifications.tick();

    List<HttpReceiver.Request> requests = hook.await(2);
    assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
    Meters.await(registry, "hook", "sent", 1);
    assertThat(Meters.count(registry, "hook", "failed")).isZero();
  }

  @Test
  void timeoutIsRetried() throws Exception {
    HttpReceiver hook = receiver().answer(hang(), status(200));
    start(Receiver.of("hook", Notifier.webhook(hook.url("/"), Duration.ofMillis(300))));

    fire(highErrorRate());
    Meters.await(registry, "hook", "retried", 1);
    clock.advance(Duration.ofMillis(1250));
    notifications.tick();

    hook.await(2);
    Meters.await(registry, "hook", "sent", 1);
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterInSeconds() throws Exception {
    HttpReceiver hook = receiver().answer(throttled("120"), status(200));
    start(Receiver.of("hook", Notifier.webhook(hook.url("/"))));

    fire(highErrorRate());
    hook.await(1);
    Meters.await(registry, "hook", "retried", 1);
    clock.advance(Duration.ofSeconds(119));
    notifications.tick();

    assertThat(notifications.awaitIdle(Duration.ofMillis(300)))
        .as("nothing is sent before Retry-After has passed")
        .isFalse();
    assertThat(hook.requests()).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    notifications.tick();
    hook.await(2);
    Meters.await(registry, "hook", "sent", 1);
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterAsAnHttpDate() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.plusSeconds(90).atOffset(ZoneOffset.UTC));
    HttpReceiver hook = receiver().answer(throttled(date), status(200));
    start(Receiver.of("hook", Notifier.webhook(hook.url("/"))));

    fire(highErrorRate());
    hook.await(1);
    Meters.await(registry, "hook", "retried", 1);
    clock.advance(Duration.ofSeconds(89));
    notifications.tick();

    assertThat(notifications.awaitIdle(Duration.ofMillis(300))).isFalse();
    assertThat(hook.requests()).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    notifications.tick();
    hook.await(2);
    Meters.await(registry, "hook", "sent", 1);
  }

  @Test
  void clientErrorIsNotRetried() throws Exception {
    HttpReceiver hook = receiver().answer(status(404));
    start(Receiver.of("hook", Notifier.webhook(hook.url("/"))));

    fire(highErrorRate());

    Meters.await(registry, "hook", "failed", 1);
    assertThat(notifications.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(hook.requests()).hasSize(1);
    assertThat(Meters.count(registry, "hook", "retried")).isZero();
  }

  @Test
  void hangingReceiverDelaysNeitherTheCallerNorOtherReceivers() throws Exception {
    HttpReceiver stuck = receiver().answer(hang());
    HttpReceiver slack = receiver();
    start(
        Receiver.of("stuck", Notifier.webhook(stuck.url("/"), Duration.ofSeconds(30))),
        Receiver.of("slack", Notifier.slack(slack.url("/"))));

    long started = System.nanoTime();
    fire(highErrorRate());
    stuck.await(1);
    fire(firing("Second", T0, "severity", "warning"));
    notifications.onAlerts(clock.instant(), List.of(firing("Third", T0)));
    long callerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(slack.await(2)).hasSize(2);
    assertThat(callerMillis).as("onAlerts and tick while a receiver hangs").isLessThan(1000);
    assertThat(Meters.count(registry, "stuck", "sent")).isZero();
  }

  @Test
  void fullQueueDropsTheOldestAndCountsIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> delivered = new ArrayList<>();
    Notifier blocking =
        n -> {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          synchronized (delivered) {
            delivered.add(n.alerts().get(0).name());
          }
        };
    start(Receiver.of("slow", blocking).withQueueCapacity(2));

    fire(firing("First", T0));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    fire(firing("Second", T0), firing("Third", T0), firing("Fourth", T0));
    release.countDown();

    assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(delivered).containsExactly("First", "Third", "Fourth");
    assertThat(Meters.count(registry, "slow", "dropped")).isEqualTo(1);
    assertThat(Meters.count(registry, "slow", "sent")).isEqualTo(3);
  }

  @Test
  void closeFlushesWhatIsQueued() throws Exception {
    HttpReceiver hook = receiver().answer(status(503), status(200));
    start(Receiver.of("hook", Notifier.webhook(hook.url("/"))));

    fire(highErrorRate());
    Meters.await(registry, "hook", "retried", 1);
    notifications.close();

    assertThat(hook.requests()).hasSize(2);
    assertThat(Meters.count(registry, "hook", "sent")).isEqualTo(1);
  }

  private static String escape(String s) {
    return s.replace("\"", "\\\"");
  }
}
