package dev.obs.alerts.notify;

import java.util.ArrayList;
import java.util.List;

/** A notifier that keeps what it is given, for tests in this package. */
final class Recorder implements Notifier {
  private final List<Notification> sent = new ArrayList<>();

  @Override
  public synchronized void send(Notification notification) {
    sent.add(notification);
  }

  synchronized List<Notification> sent() {
    return List.copyOf(sent);
  }
}
