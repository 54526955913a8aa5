package dev.obs.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when the test moves it. It is both a {@code java.time.Clock} (for {@code
 * Obs.builder().clock(...)}: alert {@code for} durations, health caches, history, notifications)
 * and a Micrometer clock (for the meter registry: timers and rates), so one clock drives all of an
 * {@code Obs} in a test. It lives in obs-core, as Micrometer's {@code MockClock} lives in
 * micrometer-core, so that every module's tests and the testkit share it.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * Obs obs = Obs.builder().clock(clock).build();
 * clock.advance(Duration.ofMinutes(5));
 * obs.health().checkAll(); // cached results expire by this clock, as alert "for" durations do
 * }</pre>
 */
public final class ManualClock extends Clock implements io.micrometer.core.instrument.Clock {
  private volatile Instant now;

  /**
   * Creates a clock standing at {@code start}.
   *
   * @param start the initial instant
   */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Creates a clock standing at 2026-01-01T00:00:00Z. */
  public ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far, not negative
   * @throws IllegalArgumentException if the duration is negative
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward, got " + duration);
    }
    now = now.plus(duration);
  }

  /**
   * Sets the clock to an instant.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  /**
   * Returns the current time in epoch milliseconds, for the meter registry.
   *
   * @return the wall time
   */
  @Override
  public long wallTime() {
    return now.toEpochMilli();
  }

  /**
   * Returns the current time in epoch nanoseconds, for timers; it moves exactly as far as the clock
   * is advanced.
   *
   * @return the monotonic time
   */
  @Override
  public long monotonicTime() {
    Instant t = now;
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
