package dev.obs.history;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.alert.AlertState;
import java.time.Instant;
import java.util.List;

/**
 * Opens an incident when an alert labelled {@code severity="critical"} fires and resolves it when
 * the alert resolves. An alert that keeps firing after its incident was resolved by hand does not
 * open another one until it resolves and fires again.
 *
 * <p>The incident's public title is the alert's {@code public_title} annotation, else its name; its
 * message is the {@code public_message} annotation, else a fixed sentence. Nothing else of the
 * alert (labels, values, other annotations) reaches the page.
 */
final class IncidentAlerts implements AlertListener {
  static final String SEVERITY = "severity";
  static final String CRITICAL = "critical";
  static final String TITLE = "public_title";
  static final String MESSAGE = "public_message";
  static final String OPENED = "We are investigating a problem detected by our monitoring.";
  static final String RESOLVED = "The problem is resolved.";

  private final History history;

  IncidentAlerts(History history) {
    this.history = history;
  }

  @Override
  public void onAlerts(Instant evaluatedAt, List<Alert> alerts) {
    for (Alert alert : alerts) {
      if (!CRITICAL.equals(alert.label(SEVERITY))) {
        continue;
      }
      if (alert.state() == AlertState.FIRING) {
        Instant firedAt = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        history.openForAlert(
            alert.fingerprint(),
            firedAt,
            alert.annotations().getOrDefault(TITLE, alert.name()),
            alert.annotations().getOrDefault(MESSAGE, OPENED));
      } else if (alert.state() == AlertState.RESOLVED) {
        history.resolveForAlert(alert.fingerprint(), RESOLVED);
      }
    }
  }
}
