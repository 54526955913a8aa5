package dev.obs.testkit;

import dev.obs.alerts.notify.Notification;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on what a {@link RecordingNotifier} received. Deliveries are asynchronous, so counts
 * are awaited (5 seconds unless {@link #within(Duration)} says otherwise).
 *
 * <pre>{@code
 * assertThat(notifications).sent("HighErrorRate").to("telegram").times(1);
 * assertThat(notifications).sent("HighErrorRate").resolved().to("telegram").times(1);
 * assertThat(notifications).sent("DiskFull").none();
 * }</pre>
 */
public final class NotificationsAssert
    extends AbstractAssert<NotificationsAssert, RecordingNotifier> {
  private Duration timeout = Duration.ofSeconds(5);

  NotificationsAssert(@Nullable RecordingNotifier notifier) {
    super(notifier, NotificationsAssert.class);
  }

  /**
   * Sets how long the following count assertions wait for deliveries.
   *
   * @param timeout the longest wait
   * @return this assert
   */
  public NotificationsAssert within(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Narrows to the notifications that carry an alert of the given rule.
   *
   * @param alertName the rule's alert name, such as {@code HighErrorRate}
   * @return an assert on those notifications
   */
  public SentNotificationsAssert sent(String alertName) {
    isNotNull();
    return new SentNotificationsAssert(actual, timeout, alertName, null, null);
  }

  /**
   * Verifies that nothing at all was sent.
   *
   * @return this assert
   */
  public NotificationsAssert sentNothing() {
    isNotNull();
    if (!actual.notifications().isEmpty()) {
      throw Failures.failed(
          info,
          "Expected no notification, but got:%n%s",
          RecordingNotifier.describe(actual.notifications()));
    }
    return this;
  }

  /**
   * Waits until exactly the given number of notifications of any kind arrived.
   *
   * @param count the expected number
   * @return this assert
   */
  public NotificationsAssert hasSent(int count) {
    isNotNull();
    var all = actual.awaitUntil(n -> n.size() >= count, timeout);
    if (all.size() != count) {
      throw Failures.failed(
          info,
          "Expected %s notifications within %s, but got %s:%n%s",
          count,
          timeout,
          all.size(),
          RecordingNotifier.describe(all));
    }
    return this;
  }

  /** The notification kind a {@link SentNotificationsAssert} narrows to. */
  static boolean isAlerts(Notification n) {
    return n.kind() == Notification.Kind.ALERTS;
  }
}
