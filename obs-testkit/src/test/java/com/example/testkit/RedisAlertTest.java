package com.example.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;

import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.alerts.Rules;
import dev.obs.alerts.notify.Notifications;
import dev.obs.alerts.notify.Receiver;
import dev.obs.alerts.notify.Route;
import dev.obs.testkit.ControllableCheck;
import dev.obs.testkit.ObsExtension;
import dev.obs.testkit.ObsTime;
import dev.obs.testkit.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAlertTest {
  // begin extension
  static final RecordingNotifier telegram = new RecordingNotifier();

  @RegisterExtension
  static final ObsExtension extension =
      ObsExtension.withConfig(Map.of("obs.alerts.interval", "15s"))
          .customize(
              (builder, registry, clock) ->
                  builder.plugin(
                      Alerting.builder()
                          .rules(
                              List.of(
                                  Rules.group("redis")
                                      .rule(
                                          Rules.alert("RedisDown")
                                              .expr("obs_health_status{check=\"redis\"} == 0")
                                              .forDuration(Duration.ofMinutes(1))
                                              .label("severity", "critical"))
                                      .build()))
                          .notifications(
                              Notifications.builder(registry)
                                  .clock(clock)
                                  .backgroundTicks(false)
                                  .receiver(Receiver.of("telegram", telegram))
                                  .defaultRoute(
                                      Route.builder("default")
                                          .receivers("telegram")
                                          .groupWait(Duration.ofSeconds(30))
                                          .build())
                                  .build())));

  // end extension

  @Test
  void redisDownForAMinuteFiresAndNotifies(Obs obs, ObsTime time) {
    telegram.clear();
    ControllableCheck redis = new ControllableCheck();
    obs.health().register("redis", redis);
    redis.setDown("connection refused");

    // begin timing
    time.advance(Duration.ofSeconds(15));
    assertThat(Alerting.of(obs).alerts()).pending("RedisDown");

    time.advance(Duration.ofMinutes(1), Duration.ofSeconds(15));
    assertThat(Alerting.of(obs).alerts()).fired("RedisDown").withLabel("severity", "critical");

    // The route batches alerts for its group wait (30 s) before the first notification.
    time.advance(Duration.ofSeconds(30));
    assertThat(telegram).sent("RedisDown").firing().to("telegram").times(1);

    redis.setUp();
    time.advance(Duration.ofSeconds(15));
    assertThat(Alerting.of(obs).alerts()).resolved("RedisDown");

    // The resolution goes out with the group's next batch, a group interval (5 min) later.
    time.advance(Duration.ofMinutes(5), Duration.ofSeconds(15));
    assertThat(telegram).sent("RedisDown").resolved().to("telegram").times(1);
    // end timing
  }
}
