package dev.obs.history;

import dev.obs.health.HealthRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Summaries, series and the status page's snapshot, computed from a store's rows. */
final class Views {
  static final int DAYS = 90;
  static final Duration RECENT_INCIDENTS = Duration.ofDays(14);
  private static final int SLOWEST = 5;

  private final HistoryStore store;
  private final HealthRegistry health;

  // Completed days do not change, so their counts are read once a day rather than every minute.
  private @Nullable LocalDate pastDaysUntil;
  private List<DailyUptime> pastDays = List.of();

  Views(HistoryStore store, HealthRegistry health) {
    this.store = store;
    this.health = health;
  }

  Summary summary(Instant now, Duration window) {
    Instant from = now.minus(window);
    List<CheckMinute> overall = store.checks(from, now, CheckMinute.OVERALL);
    long available = overall.stream().filter(c -> c.status().isAvailable()).count();
    double uptime = overall.isEmpty() ? Double.NaN : 100.0 * available / overall.size();
    List<RouteMinute> all = store.routes(from, now, RouteMinute.ALL_ROUTES);
    long requests = 0;
    long errors = 0;
    double sum = 0;
    LatencyHistogram h = LatencyHistogram.empty();
    for (RouteMinute r : all) {
      requests += r.requests();
      errors += r.errors();
      sum += r.sumSeconds();
      h = h.plus(r.histogram());
    }
    List<RouteTotals> totals = new ArrayList<>(store.routeTotals(from, now));
    totals.removeIf(t -> t.requests() == 0);
    totals.sort(Comparator.comparingDouble(RouteTotals::averageSeconds).reversed());
    List<Summary.RouteSummary> slowest = new ArrayList<>();
    for (RouteTotals t : totals.subList(0, Math.min(SLOWEST, totals.size()))) {
      LatencyHistogram rh = LatencyHistogram.empty();
      for (RouteMinute r : store.routes(from, now, t.route())) {
        rh = rh.plus(r.histogram());
      }
      slowest.add(
          new Summary.RouteSummary(
              t.route(),
              t.requests(),
              (double) t.errors() / t.requests(),
              t.averageSeconds(),
              rh.quantile(0.95)));
    }
    return new Summary(
        window,
        uptime,
        requests,
        errors,
        requests == 0 ? Double.NaN : (double) errors / requests,
        requests == 0 ? Double.NaN : sum / requests,
        h.quantile(0.95),
        slowest);
  }

  List<SeriesPoint> series(
      SeriesMetric metric, @Nullable String route, Instant from, Instant to, Duration step) {
    String which = route == null ? RouteMinute.ALL_ROUTES : route;
    long stepMs = step.toMillis();
    long start = Math.floorDiv(from.toEpochMilli(), stepMs) * stepMs;
    int n = (int) Math.max(0, (to.toEpochMilli() - start + stepMs - 1) / stepMs);
    Agg[] steps = new Agg[n];
    for (RouteMinute r : store.routes(Instant.ofEpochMilli(start), to, which)) {
      int i = (int) ((r.minute().toEpochMilli() - start) / stepMs);
      if (i >= 0 && i < n) {
        if (steps[i] == null) {
          steps[i] = new Agg();
        }
        steps[i].add(r);
      }
    }
    List<SeriesPoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Agg a = steps[i] == null ? new Agg() : steps[i];
      out.add(new SeriesPoint(Instant.ofEpochMilli(start + i * stepMs), a.value(metric)));
    }
    return out;
  }

  /** Requests, errors, time and buckets of the rows of one step. */
  private static final class Agg {
    long requests;
    long errors;
    double sum;
    LatencyHistogram histogram = LatencyHistogram.empty();

    void add(RouteMinute r) {
      requests += r.requests();
      errors += r.errors();
      sum += r.sumSeconds();
      histogram = histogram.plus(r.histogram());
    }

    double value(SeriesMetric metric) {
      return switch (metric) {
        case REQUESTS -> requests;
        case ERRORS -> errors;
        case ERROR_RATE -> requests == 0 ? Double.NaN : (double) errors / requests;
        case AVERAGE -> requests == 0 ? Double.NaN : sum / requests;
        case P50 -> histogram.quantile(0.50);
        case P95 -> histogram.quantile(0.95);
        case P99 -> histogram.quantile(0.99);
      };
    }
  }

  List<LatencyPoint> latency(Instant now, Duration window, Duration step) {
    Instant to = now.truncatedTo(ChronoUnit.MINUTES);
    long stepMs = step.toMillis();
    long end = Math.floorDiv(to.toEpochMilli(), stepMs) * stepMs + stepMs;
    long start = end - window.toMillis();
    int n = (int) (window.toMillis() / stepMs);
    Agg[] steps = new Agg[n];
    for (RouteMinute r :
        store.routes(
            Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), RouteMinute.ALL_ROUTES)) {
      int i = (int) ((r.minute().toEpochMilli() - start) / stepMs);
      if (i >= 0 && i < n) {
        if (steps[i] == null) {
          steps[i] = new Agg();
        }
        steps[i].add(r);
      }
    }
    List<LatencyPoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Agg a = steps[i] == null ? new Agg() : steps[i];
      out.add(
          new LatencyPoint(
              Instant.ofEpochMilli(start + i * stepMs),
              a.requests,
              a.histogram.quantile(0.50),
              a.histogram.quantile(0.95),
              a.histogram.quantile(0.99)));
    }
    return out;
  }

  synchronized StatusSnapshot snapshot(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    LocalDate first = today.minusDays(DAYS - 1);
    Instant todayStart = today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    if (!today.equals(pastDaysUntil)) {
      pastDays =
          store.dailyUptime(first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), todayStart);
      pastDaysUntil = today;
    }
    List<DailyUptime> current = store.dailyUptime(todayStart, now.plusSeconds(60));
    Map<String, Map<LocalDate, DailyUptime>> byCheck = new HashMap<>();
    for (List<DailyUptime> list : List.of(pastDays, current)) {
      for (DailyUptime d : list) {
        byCheck.computeIfAbsent(d.check(), k -> new HashMap<>()).put(d.day(), d);
      }
    }
    List<ComponentHistory> components = new ArrayList<>();
    for (String name : health.publicNames()) {
      var options = health.options(name);
      if (options == null || options.publicTitle() == null) {
        continue;
      }
      Map<LocalDate, DailyUptime> days = byCheck.getOrDefault(name, Map.of());
      List<DailyUptime> series = new ArrayList<>(DAYS);
      long available = 0;
      long sampled = 0;
      for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
        DailyUptime u = days.getOrDefault(d, new DailyUptime(name, d, 0, 0, 0));
        series.add(u);
        available += u.up() + u.degraded();
        sampled += u.sampled();
      }
      components.add(
          new ComponentHistory(
              name,
              options.publicTitle(),
              series,
              sampled == 0 ? Double.NaN : 100.0 * available / sampled));
    }
    return new StatusSnapshot(
        now,
        components,
        store.incidents(now.minus(RECENT_INCIDENTS)),
        latency(now, Duration.ofHours(24), Duration.ofMinutes(15)),
        latency(now, Duration.ofDays(7), Duration.ofHours(1)));
  }
}
