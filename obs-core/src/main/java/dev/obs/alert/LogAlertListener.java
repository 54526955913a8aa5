package dev.obs.alert;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each alert it receives; the delivery of last resort when nothing else is installed. */
final class LogAlertListener implements AlertListener {
  static final LogAlertListener INSTANCE = new LogAlertListener();
  private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

  private LogAlertListener() {}

  @Override
  public void onAlerts(Instant evaluatedAt, List<Alert> alerts) {
    for (Alert a : alerts) {
      if (a.state() == AlertState.RESOLVED) {
        log.info("obs alert resolved: {} {}", a.name(), a.labels());
      } else {
        log.warn("obs alert {}: {} {} {}", a.state(), a.name(), a.labels(), a.annotations());
      }
    }
  }

  @Override
  public String toString() {
    return "AlertListener.log()";
  }
}
