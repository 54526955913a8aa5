package dev.obs.testkit;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HealthCheck} a test controls: it answers UP until told otherwise, can fail, throw or
 * hang, and counts its calls. Thread-safe: the registry calls it on its own threads while the test
 * changes it.
 *
 * <pre>{@code
 * ControllableCheck redis = new ControllableCheck();
 * obs.health().register("redis", redis);
 *
 * redis.hang();
 * assertThat(obs.health()).isDown().check("redis").isDown().hasMessageContaining("timed out");
 * redis.release();
 * }</pre>
 */
public final class ControllableCheck implements HealthCheck {
  private final Object lock = new Object();
  private HealthResult result = HealthResult.up();
  private @Nullable Exception failure;
  private boolean hanging;
  // Counts release() calls, so a call blocked by one hang() leaves even if hang() is called again.
  private long releases;
  private int calls;

  /** Creates a check that answers UP. */
  public ControllableCheck() {}

  /** Makes later calls answer UP. */
  public void setUp() {
    setResult(HealthResult.up());
  }

  /**
   * Makes later calls answer DEGRADED.
   *
   * @param message why, such as {@code memory at 91%}
   */
  public void setDegraded(String message) {
    setResult(HealthResult.degraded(message));
  }

  /**
   * Makes later calls answer DOWN.
   *
   * @param message why, such as {@code connection refused}
   */
  public void setDown(String message) {
    setResult(HealthResult.down(message));
  }

  /**
   * Makes later calls answer this result, for a test that needs details or a message on UP.
   *
   * <pre>{@code
   * check.setResult(HealthResult.up().withDetail("database", "PostgreSQL"));
   * }</pre>
   *
   * @param result the result to answer
   */
  public void setResult(HealthResult result) {
    Objects.requireNonNull(result, "result");
    synchronized (lock) {
      this.result = result;
      this.failure = null;
    }
  }

  /**
   * Makes later calls throw this exception, as a check does when its dependency fails; the registry
   * reports it as DOWN with the exception's class name and message. A later {@code set...} call
   * stops it.
   *
   * @param exception the exception to throw
   */
  public void failWith(Exception exception) {
    Objects.requireNonNull(exception, "exception");
    synchronized (lock) {
      this.failure = exception;
    }
  }

  /**
   * Makes later calls block, as a check does on a dependency that never answers, until {@link
   * #release()}. A blocked call that is interrupted, as the registry does when the check times out,
   * throws {@link InterruptedException}; a released call answers what the check is set to then.
   */
  public void hang() {
    synchronized (lock) {
      hanging = true;
    }
  }

  /** Ends {@link #hang()}: calls blocked now return, and later calls no longer block. */
  public void release() {
    synchronized (lock) {
      hanging = false;
      releases++;
      lock.notifyAll();
    }
  }

  /**
   * Returns how many times the check was called, counting calls that are still blocked.
   *
   * @return the number of calls so far
   */
  public int calls() {
    synchronized (lock) {
      return calls;
    }
  }

  /**
   * Waits until the check has been called at least {@code n} times in all, such as by a background
   * refresh; returns at once if it already has.
   *
   * @param n the number of calls to wait for, zero or more
   * @param timeout how long to wait at most, zero or more
   * @throws IllegalArgumentException when {@code n} or the timeout is negative
   * @throws AssertionError when the calls do not come within the timeout, or the waiting thread is
   *     interrupted; the message says how many calls there were
   */
  public void awaitCalls(int n, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (n < 0) {
      throw new IllegalArgumentException("n must be zero or more, got " + n);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or more, got " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      try {
        while (calls < n) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            throw new org.opentest4j.AssertionFailedError(waitFailure(n, timeout, false));
          }
          lock.wait(Math.max(1, remaining / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new org.opentest4j.AssertionFailedError(waitFailure(n, timeout, true), e);
      }
    }
  }

  private String waitFailure(int n, Duration timeout, boolean interrupted) {
    return "Expected the check to be called at least "
        + times(n)
        + " within "
        + timeout.toMillis()
        + " ms but "
        + (interrupted ? "the wait was interrupted when it had been called " : "it was called ")
        + times(calls);
  }

  private static String times(int count) {
    return count == 1 ? "1 time" : count + " times";
  }

  /**
   * Answers as set: blocks while hanging, then throws the configured exception or returns the
   * configured result.
   *
   * @return the configured result
   * @throws InterruptedException when interrupted while hanging
   * @throws Exception the exception given to {@link #failWith(Exception)}
   */
  @Override
  public HealthResult check() throws Exception {
    synchronized (lock) {
      calls++;
      lock.notifyAll();
      long released = releases;
      while (hanging && releases == released) {
        lock.wait();
      }
      Exception e = failure;
      if (e != null) {
        throw e;
      }
      return result;
    }
  }

  /**
   * Describes the current setting and the calls, for failure messages.
   *
   * @return text such as {@code ControllableCheck[DOWN "refused", calls=2]}
   */
  @Override
  public String toString() {
    synchronized (lock) {
      String answer = failure != null ? "throws " + failure : HealthFormat.result(result);
      return "ControllableCheck["
          + answer
          + (hanging ? ", hanging" : "")
          + ", calls="
          + calls
          + "]";
    }
  }
}
