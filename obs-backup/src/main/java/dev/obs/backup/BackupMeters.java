package dev.obs.backup;

import dev.obs.backup.store.Manifest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The backup meters on the application's registry: {@code obs.backup.last_success_timestamp} and
 * {@code obs.backup.last_failure_timestamp} (seconds since the epoch, 0 until the first one),
 * {@code obs.backup.size}, {@code obs.backup.duration}, {@code obs.backup.runs} and {@code
 * obs.backup.drills}, each tagged with the plan. The shipped rules compare the two timestamps.
 */
final class BackupMeters {
  static final String SUCCESS = "success";
  static final String FAILURE = "failure";

  private final MeterRegistry registry;
  private final Map<String, PlanValues> plans = new ConcurrentHashMap<>();
  private final List<Meter> meters = new CopyOnWriteArrayList<>();

  BackupMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers a plan's gauges, starting from its newest completed backup. */
  void register(String plan, @Nullable Manifest newest) {
    PlanValues v = new PlanValues();
    if (newest != null) {
      v.lastSuccess = newest.timestamp().plus(newest.duration());
      v.size = newest.size();
    }
    plans.put(plan, v);
    meters.add(
        Gauge.builder("obs.backup.last_success_timestamp", v, PlanValues::lastSuccessSeconds)
            .description("When the plan's newest backup completed, in seconds since the epoch")
            .tag("plan", plan)
            .strongReference(true)
            .register(registry));
    meters.add(
        Gauge.builder("obs.backup.last_failure_timestamp", v, PlanValues::lastFailureSeconds)
            .description("When the plan's latest backup run failed, in seconds since the epoch")
            .tag("plan", plan)
            .strongReference(true)
            .register(registry));
    meters.add(
        Gauge.builder("obs.backup.size", v, x -> x.size)
            .description("Stored size of the plan's newest completed backup")
            .baseUnit("bytes")
            .tag("plan", plan)
            .strongReference(true)
            .register(registry));
    for (String result : List.of(SUCCESS, FAILURE)) {
      meters.add(runs(plan, result));
    }
  }

  private Counter runs(String plan, String result) {
    return Counter.builder("obs.backup.runs")
        .description("Backup runs by result")
        .tag("plan", plan)
        .tag("result", result)
        .register(registry);
  }

  void recordRun(String plan, boolean ok, Duration duration, Instant endedAt, long size) {
    runs(plan, ok ? SUCCESS : FAILURE).increment();
    Timer timer =
        Timer.builder("obs.backup.duration")
            .description("How long backup runs take")
            .tag("plan", plan)
            .tag("result", ok ? SUCCESS : FAILURE)
            .register(registry);
    if (!meters.contains(timer)) {
      meters.add(timer);
    }
    timer.record(duration);
    PlanValues v = plans.get(plan);
    if (v == null) {
      return;
    }
    if (ok) {
      v.lastSuccess = endedAt;
      v.size = size;
    } else {
      v.lastFailure = endedAt;
    }
  }

  void recordDrill(String plan, boolean ok) {
    Counter c =
        Counter.builder("obs.backup.drills")
            .description("Restore drills by result")
            .tag("plan", plan)
            .tag("result", ok ? SUCCESS : FAILURE)
            .register(registry);
    if (!meters.contains(c)) {
      meters.add(c);
    }
    c.increment();
  }

  @Nullable Instant lastSuccess(String plan) {
    PlanValues v = plans.get(plan);
    return v == null ? null : v.lastSuccess;
  }

  void close() {
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
  }

  /** The values behind one plan's gauges. */
  private static final class PlanValues {
    volatile @Nullable Instant lastSuccess;
    volatile @Nullable Instant lastFailure;
    volatile double size;

    // 0 rather than NaN before the first one, so "failure > success" holds for a plan that never
    // succeeded; the staleness rule ignores 0.
    double lastSuccessSeconds() {
      Instant t = lastSuccess;
      return t == null ? 0 : t.toEpochMilli() / 1000.0;
    }

    double lastFailureSeconds() {
      Instant t = lastFailure;
      return t == null ? 0 : t.toEpochMilli() / 1000.0;
    }
  }
}
