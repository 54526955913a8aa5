package dev.obs.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
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
 * advancing the {@link io.micrometer.core.instrument.MockClock} past it makes them decay, as in
 * production.
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
}
