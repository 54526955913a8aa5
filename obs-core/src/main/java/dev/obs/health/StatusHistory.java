package dev.obs.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The status changes of one check over the last 90 days, bounded in count, from which the share of
 * time it was available is computed exactly rather than by sampling.
 */
final class StatusHistory {
  static final Duration KEEP = Duration.ofDays(90);
  static final int MAX_CHANGES = 10_000;

  private record Change(Instant at, HealthStatus status) {}

  private final Deque<Change> changes = new ArrayDeque<>();

  synchronized void observe(Instant at, HealthStatus status) {
    Change last = changes.peekLast();
    if (last != null && last.status() == status) {
      return;
    }
    changes.addLast(new Change(at, status));
    Instant horizon = at.minus(KEEP);
    while (changes.size() > MAX_CHANGES) {
      changes.removeFirst();
    }
    // Keep the newest change at or before the horizon: it says what the status was there.
    while (changes.size() >= 2 && !second().at().isAfter(horizon)) {
      changes.removeFirst();
    }
  }

  private Change second() {
    Iterator<Change> it = changes.iterator();
    it.next();
    return it.next();
  }

  /** Percent of observed time within the window the status was UP or DEGRADED; NaN if none. */
  synchronized double availablePercent(Instant now, Duration window) {
    Instant from = now.minus(window);
    long observed = 0;
    long available = 0;
    Change previous = null;
    for (Change c : changes) {
      if (previous != null) {
        long span = overlap(previous.at(), c.at(), from, now);
        observed += span;
        if (previous.status().isAvailable()) {
          available += span;
        }
      }
      previous = c;
    }
    if (previous != null) {
      long span = overlap(previous.at(), now, from, now);
      observed += span;
      if (previous.status().isAvailable()) {
        available += span;
      }
    }
    return observed == 0 ? Double.NaN : 100.0 * available / observed;
  }

  private static long overlap(Instant start, Instant end, Instant from, Instant to) {
    Instant s = start.isBefore(from) ? from : start;
    Instant e = end.isAfter(to) ? to : end;
    return e.isAfter(s) ? Duration.between(s, e).toMillis() : 0;
  }
}
