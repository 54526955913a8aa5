package dev.obs.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Assertions on the one {@link Timer} with a name and the tags given so far. Obtain it from {@link
 * MeterRegistryAssert#timer(String)}.
 *
 * <pre>{@code
 * assertThat(registry)
 *     .timer("http.server.requests")
 *     .withTag("uri", "/users/{id}")
 *     .withTag("status", "200")
 *     .hasCount(2)
 *     .hasTotalTime(Duration.ofMillis(300))
 *     .hasBucketCount(Duration.ofMillis(250), 2);
 * }</pre>
 *
 * <p>Max and histogram buckets are kept over a sliding window (two minutes by default), so
 * advancing the test's {@link dev.obs.time.ManualClock} past it makes them decay, as in production.
 */
public final class TimerAssert extends AbstractMeterAssert<TimerAssert, Timer> {

  TimerAssert(MeterRegistry registry, String name) {
    super(registry, name, MeterKind.TIMER, TimerAssert.class);
  }

  /**
   * Verifies how many times the timer recorded.
   *
   * @param expected the expected count
   * @return this assert
   * @throws AssertionError when the count differs or no single timer matches
   */
  public TimerAssert hasCount(long expected) {
    Timer timer = meter();
    long count = timer.count();
    check(
        count == expected,
        timer,
        "have count " + expected,
        Long.toString(expected),
        Long.toString(count));
    return this;
  }

  /**
   * Verifies the sum of all recorded durations, to the nanosecond.
   *
   * @param expected the expected total
   * @return this assert
   * @throws AssertionError when the total differs or no single timer matches
   */
  public TimerAssert hasTotalTime(Duration expected) {
    Timer timer = meter();
    double total = timer.totalTime(TimeUnit.NANOSECONDS);
    String want = MeterFormat.duration(expected.toNanos());
    check(
        total == expected.toNanos(),
        timer,
        "have total time " + want,
        want,
        MeterFormat.duration(total));
    return this;
  }

  /**
   * Verifies that the sum of all recorded durations is strictly greater than a bound.
   *
   * @param bound the total must exceed this
   * @return this assert
   * @throws AssertionError when the total is not greater or no single timer matches
   */
  public TimerAssert hasTotalTimeGreaterThan(Duration bound) {
    Timer timer = meter();
    double total = timer.totalTime(TimeUnit.NANOSECONDS);
    String want = "> " + MeterFormat.duration(bound.toNanos());
    check(
        total > bound.toNanos(),
        timer,
        "have total time greater than " + MeterFormat.duration(bound.toNanos()),
        want,
        MeterFormat.duration(total));
    return this;
  }

  /**
   * Verifies the longest recorded duration within the current window, to the nanosecond.
   *
   * @param expected the expected maximum
   * @return this assert
   * @throws AssertionError when the maximum differs or no single timer matches
   */
  public TimerAssert hasMax(Duration expected) {
    Timer timer = meter();
    double max = timer.max(TimeUnit.NANOSECONDS);
    String want = MeterFormat.duration(expected.toNanos());
    check(max == expected.toNanos(), timer, "have max " + want, want, MeterFormat.duration(max));
    return this;
  }

  /**
   * Verifies the cumulative histogram count at a published bucket boundary: how many recordings
   * took at most {@code le}, as Prometheus reads {@code _bucket{le="..."}}.
   *
   * @param le a bucket boundary the timer publishes
   * @param expected the expected number of recordings at or below it
   * @return this assert
   * @throws AssertionError when the count differs, {@code le} is not a published boundary, or no
   *     single timer matches
   */
  public TimerAssert hasBucketCount(Duration le, long expected) {
    Timer timer = meter();
    CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
    List<String> boundaries = new ArrayList<>();
    for (CountAtBucket bucket : buckets) {
      double boundary = bucket.bucket(TimeUnit.NANOSECONDS);
      if (boundary == le.toNanos()) {
        long count = (long) bucket.count();
        check(
            count == expected,
            timer,
            "have " + expected + " recordings in bucket le=" + MeterFormat.duration(boundary),
            Long.toString(expected),
            Long.toString(count));
        return this;
      }
      boundaries.add(MeterFormat.duration(boundary));
    }
    String le1 = MeterFormat.duration(le.toNanos());
    if (boundaries.isEmpty()) {
      throw failureAbout(
          timer,
          "to publish a histogram bucket le="
              + le1
              + " but it publishes no histogram buckets; configure serviceLevelObjectives or"
              + " publishPercentileHistogram on the timer");
    }
    throw failureAbout(
        timer, "to publish a histogram bucket le=" + le1 + " but its buckets are " + boundaries);
  }

  /**
   * Verifies the longest recorded duration within the current window, within a tolerance.
   *
   * @param expected the expected maximum
   * @param tolerance how far off it may be, zero or more
   * @return this assert
   * @throws AssertionError when the maximum is farther off or no single timer matches
   */
  public TimerAssert hasMax(Duration expected, Duration tolerance) {
    Timer timer = meter();
    return near(timer, "max", timer.max(TimeUnit.NANOSECONDS), expected, tolerance);
  }

  /**
   * Verifies that no recording within the current window took longer than a bound.
   *
   * @param bound the longest allowed duration
   * @return this assert
   * @throws AssertionError when the maximum exceeds it or no single timer matches
   */
  public TimerAssert hasMaxAtMost(Duration bound) {
    Timer timer = meter();
    return atMost(timer, "max", timer.max(TimeUnit.NANOSECONDS), bound);
  }

  /**
   * Verifies the mean of all recordings (total time divided by count), within a tolerance.
   *
   * @param expected the expected mean
   * @param tolerance how far off it may be, zero or more
   * @return this assert
   * @throws AssertionError when the mean is farther off, nothing was recorded, or no single timer
   *     matches
   */
  public TimerAssert hasMean(Duration expected, Duration tolerance) {
    Timer timer = meter();
    return near(timer, "mean", mean(timer), expected, tolerance);
  }

  /**
   * Verifies that the mean of all recordings is at most a bound.
   *
   * @param bound the highest allowed mean
   * @return this assert
   * @throws AssertionError when the mean exceeds it, nothing was recorded, or no single timer
   *     matches
   */
  public TimerAssert hasMeanAtMost(Duration bound) {
    Timer timer = meter();
    return atMost(timer, "mean", mean(timer), bound);
  }

  /**
   * Verifies that the sum of all recorded durations is at most a bound.
   *
   * @param bound the highest allowed total
   * @return this assert
   * @throws AssertionError when the total exceeds it or no single timer matches
   */
  public TimerAssert hasTotalTimeAtMost(Duration bound) {
    Timer timer = meter();
    return atMost(timer, "total time", timer.totalTime(TimeUnit.NANOSECONDS), bound);
  }

  /**
   * Verifies a percentile the timer publishes ({@code publishPercentiles(0.95)} on its builder),
   * within a tolerance. Micrometer computes it over the same sliding window as the maximum, and
   * approximately, so give a tolerance of a few percent.
   *
   * @param percentile the percentile as a fraction, such as {@code 0.95}
   * @param expected the expected value
   * @param tolerance how far off it may be, zero or more
   * @return this assert
   * @throws AssertionError when the value is farther off, the timer does not publish the
   *     percentile, or no single timer matches
   */
  public TimerAssert hasPercentile(double percentile, Duration expected, Duration tolerance) {
    Timer timer = meter();
    return near(
        timer,
        "p" + percentileName(percentile),
        percentile(timer, percentile),
        expected,
        tolerance);
  }

  /**
   * Verifies that a percentile the timer publishes is at most a bound, such as a p95 latency
   * target.
   *
   * @param percentile the percentile as a fraction, such as {@code 0.95}
   * @param bound the highest allowed value
   * @return this assert
   * @throws AssertionError when the value exceeds it, the timer does not publish the percentile, or
   *     no single timer matches
   */
  public TimerAssert hasPercentileAtMost(double percentile, Duration bound) {
    Timer timer = meter();
    return atMost(timer, "p" + percentileName(percentile), percentile(timer, percentile), bound);
  }

  /**
   * Starts a delta assertion on the count: the timer must record exactly this many more times while
   * a block runs.
   *
   * <pre>{@code
   * assertThat(registry).timer("checkout").countIncreasesBy(1).during(() -> shop.checkout(cart));
   * }</pre>
   *
   * @param expected the expected number of new recordings
   * @return the delta assertion; call {@link MeterDelta#during} with the block
   */
  public MeterDelta countIncreasesBy(long expected) {
    isNotNull();
    return new MeterDelta(
        info,
        "count of the " + selectionText(),
        () -> {
          Timer t = meterOrNull();
          return t == null ? 0 : t.count();
        },
        expected);
  }

  private double mean(Timer timer) {
    if (timer.count() == 0) {
      throw failureAbout(timer, "to have a mean but it recorded nothing");
    }
    return timer.totalTime(TimeUnit.NANOSECONDS) / timer.count();
  }

  private double percentile(Timer timer, double percentile) {
    if (!(percentile > 0 && percentile < 1)) {
      throw new IllegalArgumentException(
          "percentile must be a fraction between 0 and 1, such as 0.95, got " + percentile);
    }
    List<String> published = new ArrayList<>();
    for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
      if (v.percentile() == percentile) {
        return v.value(TimeUnit.NANOSECONDS);
      }
      published.add(Double.toString(v.percentile()));
    }
    throw failureAbout(
        timer,
        "to publish percentile "
            + percentile
            + " but it publishes "
            + (published.isEmpty() ? "none" : published)
            + "; add publishPercentiles("
            + percentile
            + ") to the timer's builder or a MeterFilter");
  }

  private static String percentileName(double percentile) {
    return MeterFormat.number(percentile * 100);
  }

  private TimerAssert near(
      Timer timer, String what, double actualNanos, Duration expected, Duration tolerance) {
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must be zero or more, got " + tolerance);
    }
    String want =
        MeterFormat.duration(expected.toNanos())
            + " ± "
            + MeterFormat.duration(tolerance.toNanos());
    check(
        Math.abs(actualNanos - expected.toNanos()) <= tolerance.toNanos(),
        timer,
        "have " + what + " " + want,
        want,
        MeterFormat.duration(actualNanos));
    return this;
  }

  private TimerAssert atMost(Timer timer, String what, double actualNanos, Duration bound) {
    String want = "<= " + MeterFormat.duration(bound.toNanos());
    check(
        actualNanos <= bound.toNanos(),
        timer,
        "have " + what + " at most " + MeterFormat.duration(bound.toNanos()),
        want,
        MeterFormat.duration(actualNanos));
    return this;
  }
}
