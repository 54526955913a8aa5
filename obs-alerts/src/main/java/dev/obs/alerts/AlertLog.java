package dev.obs.alerts;

import dev.obs.alert.Alert;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs alert transitions as structured lines: one when an alert starts firing and one when it
 * resolves, with the alert name, state, labels, value and times as key-value pairs.
 */
final class AlertLog {
  private static final Logger log = LoggerFactory.getLogger("dev.obs.alerts");

  private AlertLog() {}

  static void firing(Alert alert, long ts) {
    log.atWarn()
        .addKeyValue("alertname", alert.name())
        .addKeyValue("alert_state", "firing")
        .addKeyValue("alert_labels", alert.labels())
        .addKeyValue("alert_value", alert.value())
        .addKeyValue("active_at", alert.activeAt().toString())
        .addKeyValue("fired_at", Instant.ofEpochMilli(ts).toString())
        .addKeyValue("fingerprint", alert.fingerprint())
        .log("obs alerts: {} firing {}", alert.name(), alert.labels());
  }

  static void resolved(Alert alert, long ts) {
    log.atInfo()
        .addKeyValue("alertname", alert.name())
        .addKeyValue("alert_state", "resolved")
        .addKeyValue("alert_labels", alert.labels())
        .addKeyValue("alert_value", alert.value())
        .addKeyValue("active_at", alert.activeAt().toString())
        .addKeyValue("resolved_at", Instant.ofEpochMilli(ts).toString())
        .addKeyValue("fingerprint", alert.fingerprint())
        .log("obs alerts: {} resolved {}", alert.name(), alert.labels());
  }

  static void ruleFailed(String group, Rule rule, String error) {
    log.atWarn()
        .addKeyValue("rule_group", group)
        .addKeyValue("rule", rule.name())
        .addKeyValue("rule_error", error)
        .log("obs alerts: rule {} in group {} failed: {}", rule.name(), group, error);
  }
}
