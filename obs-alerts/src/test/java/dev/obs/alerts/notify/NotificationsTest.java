package dev.obs.alerts.notify;

import static dev.obs.alerts.notify.TestAlerts.T0;
import static dev.obs.alerts.notify.TestAlerts.firing;
import static dev.obs.alerts.notify.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.alert.Alert;
import dev.obs.promql.LabelMatcher;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsTest {
  private final ManualClock clock = new ManualClock(T0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Recorder chat = new Recorder();
  private final List<Notifications> opened = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void close() {
    opened.forEach(Notifications::close);
  }

  private Notifications.Builder builder() {
    return Notifications.builder(registry)
        .clock(clock)
        .backgroundTicks(false)
        .receiver(Receiver.of("chat", chat).withRateLimit(null));
  }

  private Notifications open(Notifications.Builder b) {
    Notifications n = b.build();
    opened.add(n);
    return n;
  }

  private Notifications chatByDefault() {
    return open(builder().defaultRoute(Route.builder("default").receivers("chat").build()));
  }

  private List<Notification> sent(Notifications n) {
    assertThat(n.awaitIdle(Duration.ofSeconds(10))).as("deliveries finished").isTrue();
    return chat.sent();
  }

  private void step(Notifications n, Duration d, Alert... alerts) {
    clock.advance(d);
    if (alerts.length > 0) {
      n.onAlerts(clock.instant(), List.of(alerts));
    }
    n.tick();
  }

  @Test
  void groupWaitsThenSendsTheAlertsOfAGroupTogether() {
    Notifications n = chatByDefault();
    n.onAlerts(T0, List.of(firing("Down", T0, "instance", "a")));
    n.tick();
    step(n, Duration.ofSeconds(15), firing("Down", T0, "instance", "b"));
    assertThat(sent(n)).isEmpty();

    step(n, Duration.ofSeconds(15));

    List<Notification> sent = sent(n);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).title()).isEqualTo("[FIRING:2] Down");
    assertThat(sent.get(0).groupLabels()).containsExactly(java.util.Map.entry("alertname", "Down"));
    assertThat(sent.get(0).alerts()).extracting(a -> a.label("instance")).containsExactly("a", "b");
  }

  @Test
  void aChangeWaitsForTheGroupIntervalAndResolvedIsSent() {
    Notifications n = chatByDefault();
    Alert a = firing("Down", T0, "instance", "a");
    n.onAlerts(T0, List.of(a));
    step(n, Duration.ofSeconds(30));
    step(n, Duration.ofMinutes(1), firing("Down", T0, "instance", "b"));
    assertThat(sent(n)).hasSize(1);

    step(n, Duration.ofMinutes(4));
    assertThat(sent(n)).hasSize(2);
    assertThat(chat.sent().get(1).title()).isEqualTo("[FIRING:2] Down");

    step(n, Duration.ofMinutes(1), resolved(a, clock.instant().plusSeconds(60)));
    step(n, Duration.ofMinutes(4));
    List<Notification> sent = sent(n);
    assertThat(sent).hasSize(3);
    assertThat(sent.get(2).title()).isEqualTo("[FIRING:1] Down");
    assertThat(sent.get(2).resolved()).extracting(x -> x.label("instance")).containsExactly("a");
  }

  @Test
  void routesMatchInOrderWithContinueAndFallBackToTheDefault() {
    Recorder pager = new Recorder();
    Notifications n =
        open(
            builder()
                .receiver(Receiver.of("pager", pager).withRateLimit(null))
                .route(
                    Route.builder("critical")
                        .match("severity=critical")
                        .receivers("pager")
                        .continueMatching(true)
                        .build())
                .route(Route.builder("db").match("team=~\"db|data\"").receivers("chat").build())
                .route(Route.builder("never").match("team!~\".*\"").receivers("pager").build())
                .defaultRoute(Route.builder("default").receivers("chat").build()));

    assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "critical", "team", "db")))
        .containsExactly("pager", "chat");
    assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "critical", "team", "web")))
        .containsExactly("pager");
    assertThat(n.receiversFor(TestAlerts.labels("X", "team", "data"))).containsExactly("chat");
    assertThat(n.receiversFor(TestAlerts.labels("X", "severity", "warning")))
        .containsExactly("chat");
  }

  /**
   * A simulated day, evaluated every 15 s: "Flappy" fires for 5 minutes in every 10, and "Steady"
   * fires all day on two instances. With the defaults (30 s group wait, 5 min group interval, 4 h
   * repeat, 10 notifications a rule an hour):
   *
   * <ul>
   *   <li>Flappy's group is created at each start, notified 30 s later, and notified resolved at
   *       the flush 5 min 30 s after the start: 144 episodes, 288 attempts, one every 5 minutes.
   *       The sliding one-hour window lets 10 of every 12 through: 240 sent, 48 suppressed.
   *   <li>Steady sends one notification with both instances at 00:00:30, then one every 4 hours:
   *       00:00:30, 04:00:30, ... 20:00:30, 6 in all.
   * </ul>
   */
  @Test
  void aDayOfAFlappingRuleSendsExactlyWhatGroupingRepeatAndTheRuleLimitAllow() {
    Notifications n = chatByDefault();
    Alert steadyA = firing("Steady", T0, "instance", "a");
    Alert steadyB = firing("Steady", T0, "instance", "b");
    Duration step = Duration.ofSeconds(15);
    Duration cycle = Duration.ofMinutes(10);
    Alert flappy = null;
    for (Instant t = T0; t.isBefore(T0.plus(Duration.ofDays(1))); t = t.plus(step)) {
      clock.advance(Duration.between(clock.instant(), t));
      long intoCycle = Duration.between(T0, t).toSeconds() % cycle.toSeconds();
      List<Alert> alerts = new ArrayList<>(List.of(steadyA, steadyB));
      if (intoCycle == 0) {
        flappy = firing("Flappy", t, "instance", "a");
      }
      if (intoCycle < 300) {
        alerts.add(flappy);
      } else if (intoCycle == 300) {
        alerts.add(resolved(flappy, t));
      }
      n.onAlerts(t, alerts);
      n.tick();
    }

    List<Notification> sent = sent(n);
    List<Notification> flappySent =
        sent.stream().filter(x -> x.alerts().get(0).name().equals("Flappy")).toList();
    List<Notification> steadySent =
        sent.stream().filter(x -> x.alerts().get(0).name().equals("Steady")).toList();
    assertThat(flappySent).hasSize(240);
    assertThat(flappySent.stream().filter(x -> x.status().equals("resolved"))).hasSize(120);
    assertThat(steadySent).hasSize(6);
    assertThat(steadySent)
        .extracting(x -> x.createdAt().toString())
        .containsExactly(
            "2026-03-02T00:00:30Z",
            "2026-03-02T04:00:30Z",
            "2026-03-02T08:00:30Z",
            "2026-03-02T12:00:30Z",
            "2026-03-02T16:00:30Z",
            "2026-03-02T20:00:30Z");
    assertThat(steadySent).allSatisfy(x -> assertThat(x.alerts()).hasSize(2));
    assertThat(Meters.count(registry, "chat", "sent")).isEqualTo(246);
    assertThat(Meters.count(registry, "chat", "suppressed")).isEqualTo(48);
  }

  @Test
  void receiverRateLimitSuppressesAndCounts() {
    Notifications n =
        open(
            builder()
                .receiver(
                    Receiver.of("chat", chat)
                        .withRateLimit(new RateLimit(2, Duration.ofMinutes(1))))
                .defaultRoute(
                    Route.builder("default").receivers("chat").groupWait(Duration.ZERO).build()));

    n.onAlerts(T0, List.of(firing("A", T0), firing("B", T0), firing("C", T0)));
    n.tick();

    assertThat(sent(n)).hasSize(2);
    assertThat(Meters.count(registry, "chat", "suppressed")).isEqualTo(1);
  }

  @Test
  void silencedAlertIsNotSentAndIsCountedOnce() {
    Notifications n = chatByDefault();
    n.silences()
        .add(LabelMatcher.parseList("alertname=Down"), Duration.ofHours(1), "ana", "deploy");

    Alert down = firing("Down", T0);
    n.onAlerts(T0, List.of(down));
    step(n, Duration.ofSeconds(30), down);
    step(n, Duration.ofMinutes(5), down);

    assertThat(sent(n)).isEmpty();
    assertThat(Meters.count(registry, "chat", "silenced")).isEqualTo(1);
  }

  @Test
  void expiredSilenceStopsSilencing() {
    Notifications n = chatByDefault();
    n.silences().add(LabelMatcher.parseList("alertname=Down"), Duration.ofMinutes(10), "ana", "");
    Alert down = firing("Down", T0);
    n.onAlerts(T0, List.of(down));
    step(n, Duration.ofSeconds(30), down);
    step(n, Duration.ofMinutes(5), down);
    assertThat(sent(n)).isEmpty();

    step(n, Duration.ofMinutes(5), down);

    assertThat(sent(n)).hasSize(1);
    assertThat(n.silences().list()).isEmpty();
  }

  @Test
  void silenceFileKeepsRegularExpressionsWithBackslashes() throws Exception {
    Path file = dir.resolve("silences.json");
    Files.writeString(
        file,
        """
        {"version": 1, "silences": [{"id": "old", "matchers": ["instance=~\\"web-\\\\d+\\""],
          "starts_at": "2026-03-01T10:00:00Z", "ends_at": "2099-01-01T00:00:00Z",
          "created_by": "ana", "comment": ""}]}
        """);
    Notifications first = open(builder().silencesFile(file));
    LabelMatcher web = new LabelMatcher("instance", LabelMatcher.Op.REGEX, "web-\\d+");
    assertThat(first.silences().list().get(0).matchers()).containsExactly(web);
    first.silences().add(List.of(web), Duration.ofHours(1), "bo", "");
    first.close();

    Notifications second = open(builder().silencesFile(file));

    assertThat(second.silences().list())
        .extracting(Silence::matchers)
        .containsExactly(List.of(web), List.of(web));
    assertThat(second.silences().silencing(TestAlerts.labels("Down", "instance", "web-3")))
        .isPresent();
    assertThat(Files.readString(file)).contains("\"instance=~\\\"web-\\\\\\\\d+\\\"\"");
  }

  @Test
  void silencesSurviveARestart() throws Exception {
    Path file = dir.resolve("state/silences.json");
    Notifications first = open(builder().silencesFile(file));
    Silence added =
        first
            .silences()
            .add(
                LabelMatcher.parseList("alertname=Down, instance=~\"web-.*\""),
                T0.plus(Duration.ofHours(2)),
                "ana",
                "maintenance");
    first.silences().add(LabelMatcher.parseList("alertname=Other"), Duration.ofHours(1), "bo", "");
    first.close();
    assertThat(Files.readString(file)).contains("\"created_by\" : \"ana\"");
    assertThat(Files.list(file.getParent())).containsExactly(file);

    Notifications second = open(builder().silencesFile(file));

    assertThat(second.silences().list()).hasSize(2).first().isEqualTo(added);
    assertThat(second.silences().silencing(TestAlerts.labels("Down", "instance", "web-3")))
        .contains(added);
    assertThat(second.silences().remove(added.id())).isTrue();
    Notifications third = open(builder().silencesFile(file));
    assertThat(third.silences().list()).extracting(Silence::createdBy).containsExactly("bo");
  }

  @Test
  void testNotificationGoesToEveryReceiverOfTheRoute() {
    Recorder pager = new Recorder();
    Notifications n =
        open(
            builder()
                .receiver(Receiver.of("pager", pager))
                .route(
                    Route.builder("critical")
                        .match("severity=critical")
                        .receivers("chat", "pager")
                        .build()));

    assertThat(n.sendTest("critical", null)).containsExactly("chat", "pager");
    assertThat(n.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(pager.sent()).hasSize(1);
    assertThat(chat.sent().get(0).kind()).isEqualTo(Notification.Kind.TEST);
    assertThat(chat.sent().get(0).title()).isEqualTo("[TEST] obs test notification to chat");
    assertThatThrownBy(() -> n.sendTest("nope", null))
        .hasMessage("no route named 'nope'; routes are [critical, default]");
    assertThatThrownBy(() -> n.sendTest(null, "nope"))
        .hasMessage("no receiver named 'nope'; receivers are [chat, pager, log]");
  }

  @Test
  void routeNamingAnUnknownReceiverFailsToBuild() {
    assertThatThrownBy(
            () -> builder().route(Route.builder("critical").receivers("telegram").build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "route 'critical' names the receiver 'telegram', but receivers are [chat, log]");
  }

  @Test
  void digestSendsWhatFiredInTheLast24HoursAtTheConfiguredTime() {
    Recorder mail = new Recorder();
    Notifications n =
        open(
            builder()
                .receiver(Receiver.of("mail", mail))
                .defaultRoute(Route.builder("default").receivers("chat").build())
                .digest(
                    "mail", java.time.LocalTime.of(9, 0), java.time.ZoneId.of("Europe/Berlin")));
    Alert early = firing("Early", T0.plus(Duration.ofHours(1)));
    step(n, Duration.ofHours(1), early);
    step(n, Duration.ofMinutes(10), resolved(early, T0.plus(Duration.ofMinutes(70))));
    // 09:00 in Berlin is 08:00 UTC in March.
    step(n, Duration.ofMinutes(6 * 60 + 49));
    assertThat(n.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(mail.sent()).isEmpty();

    step(n, Duration.ofMinutes(1));

    assertThat(n.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(mail.sent()).hasSize(1);
    Notification digest = mail.sent().get(0);
    assertThat(digest.kind()).isEqualTo(Notification.Kind.DIGEST);
    assertThat(digest.createdAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(digest.title()).isEqualTo("obs daily digest: 1 alert fired in the last 24 h");
    assertThat(digest.text())
        .isEqualTo("2026-03-02T01:00:00Z Early resolved 2026-03-02T01:10:00Z: Early is firing");

    step(n, Duration.ofDays(1));
    assertThat(n.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(mail.sent()).as("a day without alerts sends no digest").hasSize(1);
  }
}
