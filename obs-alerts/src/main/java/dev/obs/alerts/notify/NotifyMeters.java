package dev.obs.alerts.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** The {@code obs.alerts.notifications} counter, tagged by receiver and result. */
final class NotifyMeters {
  static final String NAME = "obs.alerts.notifications";

  /** What happened to a notification; the tag value is the lower-case name. */
  enum Result {
    SENT,
    FAILED,
    RETRIED,
    DROPPED,
    SUPPRESSED,
    SILENCED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  NotifyMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String receiver, Result result) {
    counter(receiver, result).increment();
  }

  void register(String receiver) {
    for (Result r : Result.values()) {
      counter(receiver, r);
    }
  }

  private Counter counter(String receiver, Result result) {
    return Counter.builder(NAME)
        .description("Alert notifications by receiver and what became of them")
        .tag("notifier", receiver)
        .tag("result", result.tag())
        .register(registry);
  }
}
