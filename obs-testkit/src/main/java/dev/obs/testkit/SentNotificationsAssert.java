package dev.obs.testkit;

import dev.obs.alert.AlertState;
import dev.obs.alerts.notify.Notification;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the notifications of one rule, optionally narrowed to a receiver and to firing or
 * resolved ones. {@link #times(int)} waits for deliveries, then checks the exact count.
 *
 * <pre>{@code
 * Notification sent =
 *     assertThat(notifications).sent("HighErrorRate").to("telegram").times(1).single();
 * assertThat(sent.text()).contains("severity=\"critical\"");
 * }</pre>
 */
public final class SentNotificationsAssert
    extends AbstractAssert<SentNotificationsAssert, RecordingNotifier> {
  private final Duration timeout;
  private final String alertName;
  private final @Nullable String receiver;
  private final @Nullable AlertState state;

  SentNotificationsAssert(
      RecordingNotifier notifier,
      Duration timeout,
      String alertName,
      @Nullable String receiver,
      @Nullable AlertState state) {
    super(notifier, SentNotificationsAssert.class);
    this.timeout = timeout;
    this.alertName = alertName;
    this.receiver = receiver;
    this.state = state;
  }

  /**
   * Narrows to the notifications sent to one receiver.
   *
   * @param receiverName the receiver's name, such as {@code telegram}
   * @return a narrower assert
   */
  public SentNotificationsAssert to(String receiverName) {
    return new SentNotificationsAssert(actual, timeout, alertName, receiverName, state);
  }

  /**
   * Narrows to the notifications in which the rule's alert is resolved.
   *
   * @return a narrower assert
   */
  public SentNotificationsAssert resolved() {
    return new SentNotificationsAssert(actual, timeout, alertName, receiver, AlertState.RESOLVED);
  }

  /**
   * Narrows to the notifications in which the rule's alert is firing.
   *
   * @return a narrower assert
   */
  public SentNotificationsAssert firing() {
    return new SentNotificationsAssert(actual, timeout, alertName, receiver, AlertState.FIRING);
  }

  /**
   * Waits until {@code count} matching notifications arrived, then verifies there are exactly that
   * many.
   *
   * @param count the expected number
   * @return this assert
   */
  public SentNotificationsAssert times(int count) {
    List<Notification> all = actual.awaitUntil(n -> matching(n).size() >= count, timeout);
    List<Notification> matching = matching(all);
    if (matching.size() != count) {
      throw Failures.failed(
          info,
          "Expected %s %s within %s, but found %s among:%n%s",
          count,
          what(),
          timeout,
          matching.size(),
          RecordingNotifier.describe(all));
    }
    return this;
  }

  /**
   * Verifies that no matching notification has been sent. Deliveries are asynchronous: call it
   * after {@code Notifications.awaitIdle} or after a later notification arrived.
   *
   * @return this assert
   */
  public SentNotificationsAssert none() {
    List<Notification> all = actual.notifications();
    if (!matching(all).isEmpty()) {
      throw Failures.failed(
          info,
          "Expected no %s, but found %s among:%n%s",
          what(),
          matching(all).size(),
          RecordingNotifier.describe(all));
    }
    return this;
  }

  /**
   * Returns the matching notifications, for assertions on their payload.
   *
   * @return the notifications, oldest first
   */
  public List<Notification> notifications() {
    return matching(actual.notifications());
  }

  /**
   * Returns the one matching notification, failing when there is not exactly one.
   *
   * @return the notification
   */
  public Notification single() {
    List<Notification> matching = notifications();
    if (matching.size() != 1) {
      throw Failures.failed(
          info,
          "Expected exactly one %s, but found %s among:%n%s",
          what(),
          matching.size(),
          RecordingNotifier.describe(actual.notifications()));
    }
    return matching.get(0);
  }

  private List<Notification> matching(List<Notification> all) {
    return all.stream()
        .filter(NotificationsAssert::isAlerts)
        .filter(n -> receiver == null || n.receiver().equals(receiver))
        .filter(
            n ->
                n.alerts().stream()
                    .anyMatch(
                        a ->
                            a.name().equals(alertName)
                                && (state == null
                                    || (state == AlertState.RESOLVED)
                                        == (a.state() == AlertState.RESOLVED))))
        .toList();
  }

  private String what() {
    return (state == null ? "" : state.name().toLowerCase(java.util.Locale.ROOT) + " ")
        + "notifications of "
        + alertName
        + (receiver == null ? "" : " to " + receiver);
  }
}
