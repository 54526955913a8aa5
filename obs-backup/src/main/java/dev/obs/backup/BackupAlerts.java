package dev.obs.backup;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.alert.AlertState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands backup outcomes to the notifiers as alerts: {@code BackupFailed} and {@code
 * BackupDrillFailed} firing (critical), resolved by the plan's next success, and optionally {@code
 * BackupSucceeded} (info).
 */
final class BackupAlerts {
  static final String FAILED = "BackupFailed";
  static final String DRILL_FAILED = "BackupDrillFailed";
  static final String SUCCEEDED = "BackupSucceeded";
  private static final Logger log = LoggerFactory.getLogger(BackupAlerts.class);

  private final @Nullable AlertListener listener;
  private final boolean notifySuccess;
  private final Map<String, Alert> firing = new ConcurrentHashMap<>();

  BackupAlerts(@Nullable AlertListener listener, boolean notifySuccess) {
    this.listener = listener;
    this.notifySuccess = notifySuccess;
  }

  void failed(String alertName, String plan, String error, Instant now) {
    Map<String, String> labels =
        Map.of("alertname", alertName, "plan", plan, "severity", "critical");
    Alert previous = firing.get(alertName + "/" + plan);
    Instant since = previous == null ? now : previous.activeAt();
    String what = alertName.equals(DRILL_FAILED) ? "restore drill" : "backup";
    Alert alert =
        new Alert(
            alertName,
            labels,
            Map.of("summary", "The " + what + " of plan " + plan + " failed", "description", error),
            AlertState.FIRING,
            1,
            since,
            since,
            null);
    firing.put(alertName + "/" + plan, alert);
    send(now, alert);
  }

  void succeeded(String alertName, String plan, String summary, Instant now) {
    Alert previous = firing.remove(alertName + "/" + plan);
    if (previous != null) {
      send(
          now,
          new Alert(
              previous.name(),
              previous.labels(),
              previous.annotations(),
              AlertState.RESOLVED,
              0,
              previous.activeAt(),
              previous.firedAt(),
              now));
    }
    if (notifySuccess && alertName.equals(FAILED)) {
      send(
          now,
          new Alert(
              SUCCEEDED,
              Map.of("alertname", SUCCEEDED, "plan", plan, "severity", "info"),
              Map.of(
                  "summary", "The backup of plan " + plan + " completed", "description", summary),
              AlertState.FIRING,
              1,
              now,
              now,
              null));
    }
  }

  private void send(Instant now, Alert alert) {
    AlertListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.onAlerts(now, List.of(alert));
    } catch (RuntimeException e) {
      log.warn("obs backup: the alert listener failed on {}", alert.name(), e);
    }
  }
}
