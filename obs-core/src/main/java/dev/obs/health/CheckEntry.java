package dev.obs.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One registered check and its state: the cached result, the evaluation in flight (at most one,
 * shared by every caller), flap damping counters and history.
 */
final class CheckEntry {
  final String name;
  final HealthCheck check;
  final CheckOptions options;
  final Duration timeout;
  final Duration cacheTtl;
  final StatusHistory history = new StatusHistory();

  private final Clock clock;
  private final Executor executor;
  private final Consumer<Completed> onResult;

  private @Nullable HealthResult cached;
  private Instant cachedAt = Instant.EPOCH;
  private @Nullable Evaluation inFlight;
  private @Nullable HealthStatus reported;
  private int failures;
  private int successes;

  /** A finished evaluation, for meters and logs. */
  record Completed(CheckEntry entry, HealthResult result, @Nullable HealthStatus previous) {}

  /** An evaluation in flight. */
  private static final class Evaluation {
    final CompletableFuture<HealthResult> future = new CompletableFuture<>();
    final long deadlineNanos;
    @Nullable Thread runner;
    boolean timedOut;

    Evaluation(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }
  }

  /** What a caller waits on: a result at hand, or an evaluation and its deadline. */
  record Pending(@Nullable HealthResult ready, @Nullable Object evaluation) {}

  CheckEntry(
      String name,
      HealthCheck check,
      CheckOptions options,
      Duration defaultTimeout,
      Duration defaultCacheTtl,
      Clock clock,
      Executor executor,
      Consumer<Completed> onResult) {
    this.name = name;
    this.check = check;
    this.options = options;
    this.timeout = options.timeout() != null ? options.timeout() : defaultTimeout;
    this.cacheTtl = options.cacheTtl() != null ? options.cacheTtl() : defaultCacheTtl;
    this.clock = clock;
    this.executor = executor;
    this.onResult = onResult;
  }

  /** Returns a fresh cached result, or joins or starts the evaluation in flight. */
  synchronized Pending begin(boolean force) {
    HealthResult c = cached;
    if (!force && c != null && fresh()) {
      return new Pending(c, null);
    }
    Evaluation evaluation = inFlight;
    if (evaluation == null) {
      evaluation = start();
    }
    return new Pending(null, evaluation);
  }

  private boolean fresh() {
    Duration ttl =
        options.refreshInterval() != null ? options.refreshInterval().multipliedBy(2) : cacheTtl;
    return clock.instant().isBefore(cachedAt.plus(ttl));
  }

  private Evaluation start() {
    Evaluation evaluation = new Evaluation(System.nanoTime() + timeout.toNanos());
    inFlight = evaluation;
    try {
      executor.execute(() -> run(evaluation));
    } catch (RejectedExecutionException e) {
      evaluation.future.complete(
          finish(evaluation, HealthResult.down("health executor is shut down or saturated")));
    }
    return evaluation;
  }

  private void run(Evaluation evaluation) {
    evaluation.runner = Thread.currentThread();
    long start = System.nanoTime();
    HealthResult result;
    try {
      HealthResult r = check.check();
      result = r != null ? r : HealthResult.down("check returned null");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = HealthResult.down("interrupted");
    } catch (Throwable t) {
      result = HealthResult.down(t);
    } finally {
      synchronized (evaluation) {
        evaluation.runner = null;
      }
    }
    result = result.withDuration(Duration.ofNanos(System.nanoTime() - start));
    evaluation.future.complete(finish(evaluation, result));
    // Clear a possible interrupt from the timeout so the pooled thread starts clean.
    Thread.interrupted();
  }

  private synchronized HealthResult finish(Evaluation evaluation, HealthResult raw) {
    if (inFlight == evaluation) {
      inFlight = null;
    }
    if (evaluation.timedOut && !raw.status().isAvailable() && cached != null) {
      // The timeout result already stands for this evaluation.
      return cached;
    }
    return store(raw);
  }

  /** Waits for a pending result until the evaluation's own deadline. */
  HealthResult await(Pending pending) {
    if (pending.ready() != null) {
      return pending.ready();
    }
    Evaluation evaluation = (Evaluation) pending.evaluation();
    long remaining = evaluation.deadlineNanos - System.nanoTime();
    try {
      if (remaining > 0) {
        return evaluation.future.get(remaining, TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthResult.down("interrupted while waiting for the check");
    } catch (ExecutionException e) {
      return HealthResult.down(e.getCause() != null ? e.getCause() : e);
    }
    return timedOut(evaluation);
  }

  private synchronized HealthResult timedOut(Evaluation evaluation) {
    if (inFlight != evaluation && cached != null) {
      // The evaluation finished just now.
      return cached;
    }
    if (!evaluation.timedOut) {
      evaluation.timedOut = true;
      synchronized (evaluation) {
        Thread runner = evaluation.runner;
        if (runner != null) {
          runner.interrupt();
        }
      }
      return store(
          HealthResult.down("timed out after " + timeout.toMillis() + " ms").withDuration(timeout));
    }
    return cached != null
        ? cached
        : HealthResult.down("timed out after " + timeout.toMillis() + " ms");
  }

  private HealthResult store(HealthResult raw) {
    HealthResult damped = damp(raw);
    HealthStatus previous = reported;
    reported = damped.status();
    cached = damped;
    cachedAt = clock.instant();
    history.observe(cachedAt, damped.status());
    onResult.accept(new Completed(this, damped, previous));
    return damped;
  }

  private HealthResult damp(HealthResult raw) {
    boolean failed = raw.status() == HealthStatus.DOWN;
    if (failed) {
      failures++;
      successes = 0;
    } else {
      successes++;
      failures = 0;
    }
    if (reported == null) {
      return raw;
    }
    if (failed && reported != HealthStatus.DOWN && failures < options.failuresBeforeDown()) {
      return raw.withStatus(reported)
          .withMessage(
              "failing ("
                  + failures
                  + " of "
                  + options.failuresBeforeDown()
                  + " failures before DOWN): "
                  + raw.message());
    }
    if (!failed && reported == HealthStatus.DOWN && successes < options.successesBeforeUp()) {
      return raw.withStatus(HealthStatus.DOWN)
          .withMessage(
              "recovering ("
                  + successes
                  + " of "
                  + options.successesBeforeUp()
                  + " successes before "
                  + raw.status()
                  + ")");
    }
    return raw;
  }

  /** The last reported status, or null before the first result. */
  synchronized @Nullable HealthStatus reported() {
    return reported;
  }

  /** The last result, or null before the first one. */
  synchronized @Nullable HealthResult lastResult() {
    return cached;
  }
}
