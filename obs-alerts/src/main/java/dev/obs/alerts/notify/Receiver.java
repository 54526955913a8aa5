package dev.obs.alerts.notify;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named destination: a notifier and how it is fed. Routes name receivers; one notifier type may
 * back several receivers (two Slack channels, say).
 *
 * <pre>{@code
 * Receiver telegram =
 *     Receiver.of("telegram", Notifier.telegram(Notifier.TELEGRAM_API, token, chatId))
 *         .withRateLimit(new RateLimit(20, Duration.ofMinutes(1)));
 * }</pre>
 *
 * @param name the receiver's name, used by routes and in the {@code notifier} meter tag
 * @param notifier the notifier
 * @param sendResolved whether it is told when alerts resolve
 * @param rateLimit at most this many notifications per period, or {@code null} for no limit
 * @param queueCapacity how many notifications wait for delivery before the oldest is dropped
 */
public record Receiver(
    String name,
    Notifier notifier,
    boolean sendResolved,
    @Nullable RateLimit rateLimit,
    int queueCapacity) {

  /**
   * The default rate limit of a receiver: 20 notifications a minute, as Telegram allows a group.
   */
  public static final RateLimit DEFAULT_RATE_LIMIT =
      new RateLimit(20, java.time.Duration.ofMinutes(1));

  /** The default queue capacity: 100 notifications. */
  public static final int DEFAULT_QUEUE_CAPACITY = 100;

  /**
   * Validates the receiver.
   *
   * @param name the name, not blank
   * @param notifier the notifier
   * @param sendResolved whether resolved alerts are sent
   * @param rateLimit the limit or {@code null}
   * @param queueCapacity at least 1
   */
  public Receiver {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(notifier, "notifier");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a receiver needs a name");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException(
          "receiver '" + name + "' queue capacity must be at least 1, got " + queueCapacity);
    }
  }

  /**
   * A receiver with the defaults: resolved alerts sent, {@link #DEFAULT_RATE_LIMIT}, {@link
   * #DEFAULT_QUEUE_CAPACITY}.
   *
   * @param name the name
   * @param notifier the notifier
   * @return the receiver
   */
  public static Receiver of(String name, Notifier notifier) {
    return new Receiver(name, notifier, true, DEFAULT_RATE_LIMIT, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * Returns a copy that does or does not send resolved alerts.
   *
   * @param value whether to send them
   * @return the copy
   */
  public Receiver withSendResolved(boolean value) {
    return new Receiver(name, notifier, value, rateLimit, queueCapacity);
  }

  /**
   * Returns a copy with another rate limit.
   *
   * @param value the limit, or {@code null} for none
   * @return the copy
   */
  public Receiver withRateLimit(@Nullable RateLimit value) {
    return new Receiver(name, notifier, sendResolved, value, queueCapacity);
  }

  /**
   * Returns a copy with another queue capacity.
   *
   * @param value the capacity
   * @return the copy
   */
  public Receiver withQueueCapacity(int value) {
    return new Receiver(name, notifier, sendResolved, rateLimit, value);
  }
}
