package dev.obs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.alert.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObsPluginTest {
  private final List<String> events = new ArrayList<>();

  private final class Recording implements ObsPlugin {
    final String name;
    final PluginContext context;

    Recording(String name, PluginContext context) {
      this.name = name;
      this.context = context;
      events.add("create " + name);
    }

    @Override
    public void start() {
      events.add("start " + name);
    }

    @Override
    public void close() {
      events.add("close " + name);
    }
  }

  @Test
  void pluginsAreCreatedFromBuiltPartsStartedInOrderAndClosedInReverse() {
    Obs obs =
        Obs.builder()
            .jvmMetrics(false)
            .discoverPlugins(false)
            .plugin(context -> new Recording("first", context))
            .plugin(context -> new Recording("second", context))
            .build();
    Recording first = obs.plugin(Recording.class).orElseThrow();
    assertThat(first.context.meterRegistry()).isSameAs(obs.meterRegistry());
    assertThat(first.context.health()).isSameAs(obs.health());
    assertThat(first.context.history()).isSameAs(obs.history());
    assertThat(first.context.clock()).isSameAs(obs.clock());

    obs.start();
    obs.close();

    assertThat(events)
        .containsExactly(
            "create first",
            "create second",
            "start first",
            "start second",
            "close second",
            "close first");
  }

  @Test
  void anObsWithoutPluginsLogsTheAlertsHandedToItsSink() {
    try (Obs obs = Obs.builder().jvmMetrics(false).discoverPlugins(false).build()) {
      assertThat(obs.plugin(ObsPlugin.class)).isEmpty();
      assertThat(obs.alertSink()).isSameAs(AlertListener.log());
    }
  }

  @Test
  void aPluginCanTakeOverAlertDelivery() {
    List<Alert> delivered = new ArrayList<>();
    AlertListener sink = (at, alerts) -> delivered.addAll(alerts);
    try (Obs obs =
        Obs.builder()
            .jvmMetrics(false)
            .discoverPlugins(false)
            .plugin(
                context -> {
                  context.alertSink(sink);
                  return new ObsPlugin() {};
                })
            .build()) {
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      Alert alert =
          new Alert(
              "BackupFailed",
              Map.of("severity", "critical"),
              Map.of(),
              AlertState.FIRING,
              1,
              now,
              now,
              null);
      obs.alertSink().onAlerts(now, List.of(alert));

      assertThat(delivered).containsExactly(alert);
    }
  }
}
