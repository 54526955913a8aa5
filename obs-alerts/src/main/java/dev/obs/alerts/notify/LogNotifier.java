package dev.obs.alerts.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes notifications to the log, the receiver every application has. */
final class LogNotifier implements Notifier {
  static final LogNotifier INSTANCE = new LogNotifier();
  private static final Logger log = LoggerFactory.getLogger("dev.obs.alerts");

  private LogNotifier() {}

  @Override
  public void send(Notification n) {
    String text = n.text().replace("\n", "; ");
    if (n.kind() == Notification.Kind.ALERTS && !n.firing().isEmpty()) {
      log.warn("obs alerts: {} - {}", n.title(), text);
    } else {
      log.info("obs alerts: {} - {}", n.title(), text);
    }
  }

  @Override
  public String toString() {
    return "log";
  }
}
