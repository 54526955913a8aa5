package dev.obs.testkit;

import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.history.History;
import dev.obs.time.ManualClock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves a test's time forward and runs, in the caller's thread, the work that is due: the health
 * checks, alert rule evaluation and notification timers, in that order, as the background threads
 * of a running application would have by then. {@link ObsExtension} injects one per test.
 *
 * <pre>{@code
 * @Test
 * void databaseDownFiresAnAlert(Obs obs, ObsTime time) {
 *   database.fail("connection refused");
 *   time.advance(Duration.ofMinutes(2));
 *   assertThat(Alerting.of(obs).alerts()).fired("DatabaseDown");
 * }
 * }</pre>
 *
 * <p>One step runs each piece of work once at the new time, so a rule evaluated every 15 seconds is
 * evaluated once per call, not once per 15 seconds skipped; use {@link #advance(Duration,
 * Duration)} to step through a span in intervals.
 */
public final class ObsTime {
  /** How long a step waits for notifications to reach their receivers. */
  static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);

  private final Obs obs;
  private final ManualClock clock;
  private long historyMinute;

  ObsTime(Obs obs, ManualClock clock) {
    this.obs = obs;
    this.clock = clock;
    this.historyMinute = minute(clock);
  }

  private static long minute(ManualClock clock) {
    return Math.floorDiv(clock.millis(), 60_000L);
  }

  /**
   * Returns the time control of an {@code Obs} built with a {@link ManualClock}, for tests that
   * build their own.
   *
   * @param obs the obs root
   * @return its time control
   * @throws IllegalArgumentException when the {@code Obs} does not run on a {@link ManualClock}
   */
  public static ObsTime of(Obs obs) {
    if (!(obs.clock() instanceof ManualClock manual)) {
      throw new IllegalArgumentException(
          "ObsTime needs an Obs built with a ManualClock, but its clock is "
              + obs.clock()
              + "; build it with Obs.builder().clock(new ManualClock()) or take the Obs that"
              + " ObsExtension injects");
    }
    return new ObsTime(obs, manual);
  }

  /**
   * Returns the clock this moves.
   *
   * @return the test's clock
   */
  public ManualClock clock() {
    return clock;
  }

  /**
   * Advances the clock, then {@link #runDue() runs the due work} once.
   *
   * @param duration how far to move, zero or more
   * @return this
   */
  public ObsTime advance(Duration duration) {
    requireNotNegative(duration, "duration");
    clock.advance(duration);
    return runDue();
  }

  /**
   * Advances the clock by {@code step} until {@code duration} has passed, running the due work
   * after each step, as a background thread waking every {@code step} would.
   *
   * @param duration how far to move in all
   * @param step how far each step moves, positive
   * @return this
   */
  public ObsTime advance(Duration duration, Duration step) {
    requireNotNegative(duration, "duration");
    requireNotNegative(step, "step");
    if (step.isZero()) {
      throw new IllegalArgumentException("step must be positive, got " + step);
    }
    Duration left = duration;
    while (left.compareTo(step) > 0) {
      advance(step);
      left = left.minus(step);
    }
    return advance(left);
  }

  /**
   * Runs the work due at the clock's current time: refreshes the health checks whose refresh
   * interval passed, runs every health check once (as a probe of {@code /healthz} would, so {@code
   * obs_health_status} has values), evaluates the alert rule groups whose interval passed, ticks
   * the notifications (group timers, digest, retries) and waits up to 5 seconds for what is due to
   * reach the receivers.
   *
   * @return this
   */
  public ObsTime runDue() {
    obs.health().refreshDue();
    obs.health().checkAll();
    Optional<Alerting> alerting = obs.plugin(Alerting.class);
    if (alerting.isPresent()) {
      alerting.get().alerts().evaluateDue();
      alerting.get().notifications().tick();
      alerting.get().notifications().awaitIdle(DELIVERY_WAIT);
    }
    History history = obs.history();
    long minute = minute(clock);
    if (history != null && minute > historyMinute) {
      historyMinute = minute;
      history.tick();
    }
    return this;
  }

  private static void requireNotNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or more, got " + duration);
    }
  }
}
