package dev.obs.history;

import dev.obs.health.HealthStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The default store: history in this process, bounded, lost on restart. */
final class MemoryStore implements HistoryStore {
  private final int maxRouteRows;
  private final Deque<RouteMinute> routes = new ArrayDeque<>();
  private final Map<String, CheckTimeline> checks = new TreeMap<>();
  private final Map<String, Incident> incidents = new LinkedHashMap<>();

  MemoryStore(int maxRouteRows) {
    this.maxRouteRows = maxRouteRows;
  }

  static int epochMinute(Instant t) {
    return (int) Math.floorDiv(t.getEpochSecond(), 60);
  }

  @Override
  public void open() {}

  @Override
  public synchronized void write(List<RouteMinute> routeRows, List<CheckMinute> checkRows) {
    for (RouteMinute row : routeRows) {
      RouteMinute last = routes.peekLast();
      if (last != null && !row.minute().isAfter(last.minute())) {
        mergeOutOfOrder(row);
      } else {
        routes.addLast(row);
      }
    }
    while (routes.size() > maxRouteRows) {
      routes.removeFirst();
    }
    for (CheckMinute row : checkRows) {
      checks
          .computeIfAbsent(row.check(), c -> new CheckTimeline())
          .put(epochMinute(row.minute()), row.status());
    }
  }

  private void mergeOutOfOrder(RouteMinute row) {
    List<RouteMinute> all = new ArrayList<>(routes);
    boolean merged = false;
    for (int i = 0; i < all.size(); i++) {
      RouteMinute r = all.get(i);
      if (r.minute().equals(row.minute()) && r.route().equals(row.route())) {
        all.set(i, r.plus(row));
        merged = true;
        break;
      }
    }
    if (!merged) {
      all.add(row);
      all.sort(Comparator.comparing(RouteMinute::minute).thenComparing(RouteMinute::route));
    }
    routes.clear();
    routes.addAll(all);
  }

  @Override
  public synchronized List<RouteMinute> routes(Instant from, Instant to, @Nullable String route) {
    List<RouteMinute> out = new ArrayList<>();
    for (RouteMinute r : routes) {
      if (!r.minute().isBefore(from)
          && r.minute().isBefore(to)
          && (route == null || route.equals(r.route()))) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(RouteMinute::minute).thenComparing(RouteMinute::route));
    return out;
  }

  @Override
  public synchronized List<RouteTotals> routeTotals(Instant from, Instant to) {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, Double> sums = new HashMap<>();
    for (RouteMinute r : routes) {
      if (r.minute().isBefore(from)
          || !r.minute().isBefore(to)
          || r.route().equals(RouteMinute.ALL_ROUTES)) {
        continue;
      }
      long[] c = counts.computeIfAbsent(r.route(), k -> new long[2]);
      c[0] += r.requests();
      c[1] += r.errors();
      sums.merge(r.route(), r.sumSeconds(), Double::sum);
    }
    List<RouteTotals> out = new ArrayList<>();
    counts.forEach((route, c) -> out.add(new RouteTotals(route, c[0], c[1], sums.get(route))));
    out.sort(Comparator.comparing(RouteTotals::route));
    return out;
  }

  @Override
  public synchronized List<CheckMinute> checks(Instant from, Instant to, @Nullable String check) {
    int start = epochMinute(from);
    int end = epochMinute(to);
    List<CheckMinute> out = new ArrayList<>();
    for (Map.Entry<String, CheckTimeline> e : checks.entrySet()) {
      if (check != null && !check.equals(e.getKey())) {
        continue;
      }
      CheckTimeline t = e.getValue();
      for (int i = t.indexOf(start); i < t.size() && t.minute(i) < end; i++) {
        out.add(new CheckMinute(Instant.ofEpochSecond(t.minute(i) * 60L), e.getKey(), t.status(i)));
      }
    }
    out.sort(Comparator.comparing(CheckMinute::minute).thenComparing(CheckMinute::check));
    return out;
  }

  @Override
  public synchronized List<DailyUptime> dailyUptime(Instant from, Instant to) {
    int start = epochMinute(from);
    int end = epochMinute(to);
    List<DailyUptime> out = new ArrayList<>();
    for (Map.Entry<String, CheckTimeline> e : checks.entrySet()) {
      CheckTimeline t = e.getValue();
      long day = Long.MIN_VALUE;
      int[] counts = new int[3];
      for (int i = t.indexOf(start); i < t.size() && t.minute(i) < end; i++) {
        long d = Math.floorDiv(t.minute(i), 1440);
        if (d != day) {
          if (day != Long.MIN_VALUE) {
            out.add(daily(e.getKey(), day, counts));
          }
          day = d;
          counts = new int[3];
        }
        counts[t.status(i).ordinal()]++;
      }
      if (day != Long.MIN_VALUE) {
        out.add(daily(e.getKey(), day, counts));
      }
    }
    return out;
  }

  private static DailyUptime daily(String check, long epochDay, int[] counts) {
    return new DailyUptime(
        check,
        LocalDate.ofEpochDay(epochDay),
        counts[HealthStatus.UP.ordinal()],
        counts[HealthStatus.DEGRADED.ordinal()],
        counts[HealthStatus.DOWN.ordinal()]);
  }

  @Override
  public synchronized void save(Incident incident) {
    incidents.put(incident.id(), incident);
  }

  @Override
  public synchronized @Nullable Incident incident(String id) {
    return incidents.get(id);
  }

  @Override
  public synchronized List<Incident> incidents(Instant resolvedSince) {
    List<Incident> out = new ArrayList<>();
    for (Incident i : incidents.values()) {
      if (i.resolvedAt() == null || !i.resolvedAt().isBefore(resolvedSince)) {
        out.add(i);
      }
    }
    out.sort(Comparator.comparing(Incident::startedAt).reversed());
    return out;
  }

  @Override
  public synchronized long purge(Instant before) {
    long deleted = 0;
    while (!routes.isEmpty() && routes.peekFirst().minute().isBefore(before)) {
      routes.removeFirst();
      deleted++;
    }
    int cut = epochMinute(before);
    for (CheckTimeline t : checks.values()) {
      deleted += t.dropBefore(cut);
    }
    Iterator<Incident> it = incidents.values().iterator();
    while (it.hasNext()) {
      Incident i = it.next();
      if (i.resolvedAt() != null && i.resolvedAt().isBefore(before)) {
        it.remove();
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public void close() {}
}
