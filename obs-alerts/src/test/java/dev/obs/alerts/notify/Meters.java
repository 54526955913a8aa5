package dev.obs.alerts.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Reads the notification counter, and waits for it when deliveries are asynchronous. */
final class Meters {
  private Meters() {}

  static double count(MeterRegistry registry, String receiver, String result) {
    Counter c =
        registry.find(NotifyMeters.NAME).tag("notifier", receiver).tag("result", result).counter();
    return c == null ? 0 : c.count();
  }

  /** Waits at most 10 s until the counter reaches {@code value}, checking every millisecond. */
  static void await(MeterRegistry registry, String receiver, String result, double value) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count(registry, receiver, result) < value) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected obs.alerts.notifications{notifier="
                + receiver
                + ", result="
                + result
                + "} to reach "
                + value
                + " within 10 s, it is "
                + count(registry, receiver, result));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
