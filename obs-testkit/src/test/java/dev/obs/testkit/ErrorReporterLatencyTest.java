package dev.obs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.obs.config.ObsConfig;
import dev.obs.errors.ErrorReporter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Sentry down never delays a request: a burst of reports against an endpoint that hangs takes as
 * long as the same burst with Sentry off, measured in one run.
 */
class ErrorReporterLatencyTest {
  private static final int BURST = 200;
  private static final int QUEUE = 10;

  @Test
  void aHangingSentryAddsNoLatencyToReports() {
    // The log line is the same in both bursts; silencing it keeps the output readable and makes
    // the comparison stricter, since what remains is the Sentry work alone.
    Logger log = (Logger) LoggerFactory.getLogger("obs.errors");
    Level level = log.getLevel();
    log.setLevel(Level.OFF);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SentryEndpoint sentry = SentryEndpoint.start().hang();
        ErrorReporter off =
            ErrorReporter.create(ObsConfig.of(Map.of()), new SimpleMeterRegistry());
        ErrorReporter on =
            ErrorReporter.create(
                ObsConfig.of(
                    Map.of(
                        "obs.sentry.dsn", sentry.dsn(),
                        "obs.sentry.max-queue-size", Integer.toString(QUEUE),
                        "obs.sentry.shutdown-timeout", "500ms")),
                registry)) {
      burst(off); // warm-up
      burst(on);
      long[] withoutSentry = burst(off);
      long[] withHangingSentry = burst(on);

      long medianOff = median(withoutSentry);
      long medianOn = median(withHangingSentry);
      long maxOn = Arrays.stream(withHangingSentry).max().orElseThrow();
      System.out.printf(
          "report() median without Sentry %d us, with a hanging Sentry %d us, max %d us;"
              + " dropped %.0f%n",
          medianOff / 1000,
          medianOn / 1000,
          maxOn / 1000,
          registry.get("obs.errors.dropped").counter().count());
      // Noise on a busy CI machine is a few hundred microseconds; a blocking send would cost the
      // SDK's 5 s read timeout. So: within 3x of Sentry off, or under 5 ms in absolute terms.
      assertThat(medianOn).isLessThan(Math.max(3 * medianOff, Duration.ofMillis(5).toNanos()));
      assertThat(maxOn).isLessThan(Duration.ofSeconds(1).toNanos());
      // One envelope hangs in flight, QUEUE wait behind it, the rest are discarded and counted.
      assertThat(registry.get("obs.errors.dropped").counter().count())
          .isGreaterThanOrEqualTo(2.0 * BURST - QUEUE - 1);
    } finally {
      log.setLevel(level);
    }
  }

  private static long[] burst(ErrorReporter reporter) {
    long[] nanos = new long[BURST];
    for (int i = 0; i < BURST; i++) {
      IllegalStateException error = new IllegalStateException("order " + i + " failed");
      long start = System.nanoTime();
      reporter.report(error, TestRequest.get("/orders/" + i), 500);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
