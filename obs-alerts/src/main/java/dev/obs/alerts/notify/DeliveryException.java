package dev.obs.alerts.notify;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link Notifier} that could not deliver, saying whether trying again may help and,
 * when the receiver said so ({@code Retry-After}), when.
 */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether another attempt may succeed. */
  private final boolean retryable;

  /** The wait the receiver asked for in seconds, or {@code null}. */
  private final @Nullable Duration retryAfter;

  /** The time the receiver asked to wait until, or {@code null}. */
  private final @Nullable Instant retryAt;

  private DeliveryException(
      String message,
      @Nullable Throwable cause,
      boolean retryable,
      @Nullable Duration retryAfter,
      @Nullable Instant retryAt) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.retryAt = retryAt;
  }

  /**
   * A failure that may pass on a later attempt: a 5xx answer, a timeout, a refused connection.
   *
   * @param message what happened
   * @param cause the underlying exception, or {@code null}
   * @return the exception
   */
  public static DeliveryException retryable(String message, @Nullable Throwable cause) {
    return new DeliveryException(message, cause, true, null, null);
  }

  /**
   * A failure that will not pass by trying again, such as a 400 or 404 answer.
   *
   * @param message what happened
   * @param cause the underlying exception, or {@code null}
   * @return the exception
   */
  public static DeliveryException permanent(String message, @Nullable Throwable cause) {
    return new DeliveryException(message, cause, false, null, null);
  }

  /**
   * A throttled attempt (HTTP 429) whose receiver asked to wait a while.
   *
   * @param message what happened
   * @param after how long to wait
   * @return the exception
   */
  public static DeliveryException retryAfter(String message, Duration after) {
    return new DeliveryException(message, null, true, after, null);
  }

  /**
   * A throttled attempt (HTTP 429) whose receiver asked to wait until a time.
   *
   * @param message what happened
   * @param at when to try again
   * @return the exception
   */
  public static DeliveryException retryAt(String message, Instant at) {
    return new DeliveryException(message, null, true, null, at);
  }

  /**
   * Tells whether another attempt may succeed.
   *
   * @return whether to retry
   */
  public boolean retryable() {
    return retryable;
  }

  /**
   * Returns the wait the receiver asked for, if it gave one in seconds.
   *
   * @return the wait, or {@code null}
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Returns the time the receiver asked to wait until, if it gave an HTTP date.
   *
   * @return the time, or {@code null}
   */
  public @Nullable Instant retryAt() {
    return retryAt;
  }
}
