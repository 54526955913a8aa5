package dev.obs.alerts.notify;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Alerts for the notification tests. */
final class TestAlerts {
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private TestAlerts() {}

  static Alert firing(String name, Instant firedAt, String... labels) {
    return new Alert(
        name,
        labels(name, labels),
        Map.of("summary", name + " is firing"),
        AlertState.FIRING,
        0.12,
        firedAt.minusSeconds(60),
        firedAt,
        null);
  }

  static Alert resolved(Alert firing, Instant resolvedAt) {
    return new Alert(
        firing.name(),
        firing.labels(),
        firing.annotations(),
        AlertState.RESOLVED,
        0.01,
        firing.activeAt(),
        firing.firedAt(),
        resolvedAt);
  }

  static Map<String, String> labels(String name, String... pairs) {
    Map<String, String> out = new HashMap<>();
    out.put("alertname", name);
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }
}
