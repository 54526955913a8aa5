package dev.obs.history;

import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import dev.obs.http.HttpServerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns the registry's cumulative {@code http.server.requests} timers and {@code
 * obs.http.server.errors} counters into per-minute rows by difference with the previous sample, and
 * reads each check's status. It runs on the history thread, never on a request: requests pay
 * nothing for history.
 *
 * <p>The bucket counts are taken as cumulative since the meter was created, as the Prometheus
 * registry keeps them. A meter whose count went down (a registry that resets) starts again from its
 * current values.
 */
final class Sampler {
  private record Previous(long count, double sum, long[] buckets) {}

  private final MeterRegistry registry;
  private final HealthRegistry health;
  private final Map<Meter.Id, Previous> timers = new HashMap<>();
  private final Map<Meter.Id, Double> errors = new HashMap<>();

  Sampler(MeterRegistry registry, HealthRegistry health) {
    this.registry = registry;
    this.health = health;
  }

  /** Takes the current values as the baseline, so the first minute holds only its own traffic. */
  void baseline() {
    routes(Instant.EPOCH);
  }

  /** The traffic since the previous call, one row per route plus the all-routes row. */
  List<RouteMinute> routes(Instant minute) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Double> sums = new HashMap<>();
    Map<String, LatencyHistogram> histograms = new HashMap<>();
    for (Timer timer : registry.find(HttpServerMetrics.REQUESTS).timers()) {
      String route = timer.getId().getTag("uri");
      if (route == null) {
        continue;
      }
      HistogramSnapshot snap = timer.takeSnapshot();
      long count = snap.count();
      double sum = snap.total(TimeUnit.SECONDS);
      CountAtBucket[] all = snap.histogramCounts();
      // A registry that reports the +Inf bucket itself: the total count already stands for it.
      int finite = all.length;
      while (finite > 0 && Double.isInfinite(all[finite - 1].bucket(TimeUnit.SECONDS))) {
        finite--;
      }
      double[] bounds = new double[finite];
      long[] cumulative = new long[finite];
      for (int i = 0; i < finite; i++) {
        bounds[i] = all[i].bucket(TimeUnit.SECONDS);
        cumulative[i] = (long) all[i].count();
      }
      Previous prev = timers.put(timer.getId(), new Previous(count, sum, cumulative));
      long dCount = count;
      double dSum = sum;
      long[] dBuckets = cumulative.clone();
      if (prev != null && prev.count() <= count && prev.buckets().length == cumulative.length) {
        dCount = count - prev.count();
        dSum = sum - prev.sum();
        for (int i = 0; i < dBuckets.length; i++) {
          dBuckets[i] = Math.max(0, cumulative[i] - prev.buckets()[i]);
        }
      }
      if (dCount == 0) {
        continue;
      }
      long[] perBucket = new long[bounds.length + 1];
      long below = 0;
      for (int i = 0; i < bounds.length; i++) {
        long atOrBelow = Math.min(dBuckets[i], dCount);
        perBucket[i] = Math.max(0, atOrBelow - below);
        below = Math.max(below, atOrBelow);
      }
      perBucket[bounds.length] = Math.max(0, dCount - below);
      LatencyHistogram h = LatencyHistogram.of(bounds, perBucket);
      counts.computeIfAbsent(route, r -> new long[2])[0] += dCount;
      sums.merge(route, dSum, Double::sum);
      histograms.merge(route, h, LatencyHistogram::plus);
    }
    for (Counter counter : registry.find(HttpServerMetrics.ERRORS).counters()) {
      String route = counter.getId().getTag("uri");
      double value = counter.count();
      Double prev = errors.put(counter.getId(), value);
      double delta = prev == null || prev > value ? value : value - prev;
      long[] c = counts.get(route);
      if (c != null && delta > 0) {
        c[1] += Math.round(delta);
      }
    }
    List<RouteMinute> out = new ArrayList<>();
    long allRequests = 0;
    long allErrors = 0;
    double allSum = 0;
    LatencyHistogram all = LatencyHistogram.empty();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      String route = e.getKey();
      long[] c = e.getValue();
      double sum = sums.get(route);
      LatencyHistogram h = histograms.get(route);
      out.add(RouteMinute.of(minute, route, c[0], c[1], sum, h));
      allRequests += c[0];
      allErrors += c[1];
      allSum += sum;
      all = all.plus(h);
    }
    if (allRequests > 0) {
      out.add(RouteMinute.of(minute, RouteMinute.ALL_ROUTES, allRequests, allErrors, allSum, all));
    }
    return out;
  }

  /** Each check's status now, plus the aggregate as {@link CheckMinute#OVERALL}. */
  List<CheckMinute> checks(Instant minute) {
    List<CheckMinute> out = new ArrayList<>();
    if (health.names().isEmpty()) {
      return out;
    }
    HealthReport report = health.checkAll();
    for (Map.Entry<String, HealthResult> e : report.checks().entrySet()) {
      out.add(new CheckMinute(minute, e.getKey(), e.getValue().status()));
    }
    out.add(new CheckMinute(minute, CheckMinute.OVERALL, report.status()));
    return out;
  }
}
