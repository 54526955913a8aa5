package dev.obs.alert;

import java.time.Instant;
import java.util.List;

/**
 * Receives alerts after each evaluation of a rule group, as Prometheus sends them to Alertmanager.
 * Notifiers, incident tracking and the log all listen this way.
 */
@FunctionalInterface
public interface AlertListener {

  /**
   * Called on the evaluation thread after a rule group is evaluated, with every alert of that group
   * that is firing and every one that resolved at this evaluation; pending alerts are not passed.
   * An alert not mentioned keeps its previous state. Implementations must return quickly and never
   * throw: slow work belongs on their own threads.
   *
   * @param evaluatedAt the evaluation time
   * @param alerts the firing and just-resolved alerts
   */
  void onAlerts(Instant evaluatedAt, List<Alert> alerts);

  /**
   * Returns a listener that writes one log line per alert: WARN when firing, INFO when resolved. It
   * is where {@code Obs} delivers alerts when no notification engine (obs-alerts) is installed.
   *
   * @return the logging listener
   */
  static AlertListener log() {
    return LogAlertListener.INSTANCE;
  }
}
