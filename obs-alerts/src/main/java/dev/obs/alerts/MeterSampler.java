package dev.obs.alerts;

import dev.obs.promql.InMemorySeriesStore;
import dev.obs.promql.Labels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Copies the current value of every meter of a registry into a series store, under the names and
 * labels Prometheus sees when it scrapes the same meters through micrometer-registry-prometheus:
 * {@code http_server_requests_seconds_count}, {@code _sum}, {@code _max} and {@code
 * _bucket{le="0.1"}}, {@code jvm_memory_used_bytes}, {@code obs_health_status{check="db"}} and so
 * on. So an expression means the same thing in-process and in Prometheus.
 *
 * <pre>{@code
 * MeterSampler sampler = new MeterSampler(registry, store);
 * sampler.sample(clock.millis());
 * }</pre>
 *
 * <p>Bucket counts come from the meter's histogram snapshot; with a {@code PrometheusMeterRegistry}
 * (alone or inside a composite) they are cumulative since start, as {@code rate()} expects.
 */
public final class MeterSampler {
  private final MeterRegistry registry;
  private final InMemorySeriesStore store;
  private final Map<Meter.Id, Prepared> prepared = new HashMap<>();
  private long generation;

  /** Series labels of one meter, computed once and reused every sample. */
  private static final class Prepared {
    final Meter.Id id;
    final String base;
    final Labels main;
    final Labels count;
    final Labels sum;
    final Labels max;
    final Map<Double, Labels> buckets = new HashMap<>();
    final Map<Double, Labels> quantiles = new HashMap<>();
    long seen;

    Prepared(Meter.Id id) {
      this.id = id;
      this.base = PrometheusNames.name(id);
      this.main = PrometheusNames.labels(id, base);
      this.count = PrometheusNames.labels(id, base + "_count");
      this.sum = PrometheusNames.labels(id, base + "_sum");
      this.max = PrometheusNames.labels(id, base + "_max");
    }

    Labels bucket(double le) {
      return buckets.computeIfAbsent(
          le, b -> PrometheusNames.labels(id, base + "_bucket", "le", PrometheusNames.number(b)));
    }

    Labels quantile(double q) {
      return quantiles.computeIfAbsent(
          q, p -> PrometheusNames.labels(id, base, "quantile", PrometheusNames.number(p)));
    }
  }

  /**
   * Creates a sampler.
   *
   * @param registry the registry to read
   * @param store the store to append to
   */
  public MeterSampler(MeterRegistry registry, InMemorySeriesStore store) {
    this.registry = registry;
    this.store = store;
  }

  /**
   * Appends one sample per series of every meter at {@code timeMillis}. Called from one thread at a
   * time.
   *
   * @param timeMillis the sample time, milliseconds since the epoch
   * @return the number of samples appended
   */
  public synchronized int sample(long timeMillis) {
    long gen = ++generation;
    int n = 0;
    List<Meter> meters = registry.getMeters();
    for (Meter meter : meters) {
      Prepared p = prepared.get(meter.getId());
      if (p == null) {
        p = new Prepared(meter.getId());
        prepared.put(meter.getId(), p);
      }
      p.seen = gen;
      n += sample(meter, p, timeMillis);
    }
    if (prepared.size() > meters.size()) {
      for (Iterator<Prepared> it = prepared.values().iterator(); it.hasNext(); ) {
        if (it.next().seen != gen) {
          it.remove();
        }
      }
    }
    return n;
  }

  private int sample(Meter meter, Prepared p, long t) {
    if (meter instanceof TimeGauge g) {
      return put(p.main, t, g.value(TimeUnit.SECONDS));
    }
    if (meter instanceof Gauge g) {
      return put(p.main, t, g.value());
    }
    if (meter instanceof Counter c) {
      return put(p.main, t, c.count());
    }
    if (meter instanceof FunctionCounter c) {
      return put(p.main, t, c.count());
    }
    if (meter instanceof Timer timer) {
      HistogramSnapshot s = timer.takeSnapshot();
      return distribution(p, t, s, true)
          + put(p.max, t, s.max(TimeUnit.SECONDS))
          + put(p.count, t, s.count())
          + put(p.sum, t, s.total(TimeUnit.SECONDS));
    }
    if (meter instanceof DistributionSummary summary) {
      HistogramSnapshot s = summary.takeSnapshot();
      return distribution(p, t, s, false)
          + put(p.max, t, s.max())
          + put(p.count, t, s.count())
          + put(p.sum, t, s.total());
    }
    if (meter instanceof FunctionTimer timer) {
      return put(p.count, t, timer.count()) + put(p.sum, t, timer.totalTime(TimeUnit.SECONDS));
    }
    if (meter instanceof LongTaskTimer timer) {
      return put(p.count, t, timer.activeTasks())
          + put(p.sum, t, timer.duration(TimeUnit.SECONDS))
          + put(p.max, t, timer.max(TimeUnit.SECONDS));
    }
    // Custom meters have no fixed Prometheus shape; rules cannot rely on them.
    return 0;
  }

  private int distribution(Prepared p, long t, HistogramSnapshot s, boolean seconds) {
    CountAtBucket[] buckets = s.histogramCounts();
    if (buckets.length > 0) {
      boolean infinite = false;
      for (CountAtBucket b : buckets) {
        double le = seconds ? b.bucket(TimeUnit.SECONDS) : b.bucket();
        infinite |= le == Double.POSITIVE_INFINITY;
        store.append(p.bucket(le), t, b.count());
      }
      if (infinite) {
        return buckets.length;
      }
      store.append(p.bucket(Double.POSITIVE_INFINITY), t, s.count());
      return buckets.length + 1;
    }
    ValueAtPercentile[] percentiles = s.percentileValues();
    for (ValueAtPercentile v : percentiles) {
      store.append(p.quantile(v.percentile()), t, seconds ? v.value(TimeUnit.SECONDS) : v.value());
    }
    return percentiles.length;
  }

  private int put(Labels labels, long t, double value) {
    store.append(labels, t, value);
    return 1;
  }
}
