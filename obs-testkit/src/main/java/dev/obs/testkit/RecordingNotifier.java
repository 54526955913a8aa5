package dev.obs.testkit;

import dev.obs.alerts.notify.Notification;
import dev.obs.alerts.notify.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A notifier that keeps every notification in memory, for assertions with {@link
 * ObsAssertions#assertThat(RecordingNotifier)}. One instance may back several receivers: each
 * notification carries its receiver's name.
 *
 * <pre>{@code
 * RecordingNotifier notifications = new RecordingNotifier();
 * Notifications.builder(registry)
 *     .receiver(Receiver.of("telegram", notifications))
 *     .route(Route.builder("critical").match("severity=critical").receivers("telegram").build())
 *     .build();
 * }</pre>
 */
public final class RecordingNotifier implements Notifier {
  private final List<Notification> sent = new ArrayList<>();

  /** Creates an empty recorder. */
  public RecordingNotifier() {}

  @Override
  public synchronized void send(Notification notification) {
    sent.add(notification);
    notifyAll();
  }

  /**
   * Returns what was sent so far, oldest first.
   *
   * @return the notifications
   */
  public synchronized List<Notification> notifications() {
    return List.copyOf(sent);
  }

  /** Forgets what was sent. */
  public synchronized void clear() {
    sent.clear();
  }

  /**
   * Waits until the recorded notifications satisfy a condition, at most the given time.
   *
   * @param condition the condition on all notifications so far
   * @param timeout the longest wait
   * @return the notifications when the condition held or the time was up
   */
  public synchronized List<Notification> awaitUntil(
      Predicate<List<Notification>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(List.copyOf(sent))) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return List.copyOf(sent);
  }

  /** Lists the notifications one a line, for failure messages. */
  static String describe(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return "  (no notifications)";
    }
    return notifications.stream()
        .map(n -> "  to " + n.receiver() + " at " + n.createdAt() + ": " + n.title())
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
