package dev.obs.alerts.notify;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Counts events per key over a sliding window of the injected clock's time. Not thread-safe: the
 * dispatcher calls it under its lock.
 */
final class WindowLimiter {
  // Bounded: past this many keys, idle ones are dropped before a new key is added.
  private static final int MAX_KEYS = 10_000;

  private final RateLimit limit;
  private final Map<String, ArrayDeque<Instant>> events = new HashMap<>();

  WindowLimiter(RateLimit limit) {
    this.limit = limit;
  }

  /** Records an event for the key and returns true, or returns false when the window is full. */
  boolean tryAcquire(String key, Instant now) {
    Instant windowStart = now.minus(limit.period());
    ArrayDeque<Instant> times = events.get(key);
    if (times == null) {
      if (events.size() >= MAX_KEYS) {
        evictIdle(windowStart);
      }
      times = new ArrayDeque<>();
      events.put(key, times);
    }
    while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
      times.pollFirst();
    }
    if (times.size() >= limit.count()) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  private void evictIdle(Instant windowStart) {
    for (Iterator<ArrayDeque<Instant>> it = events.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Instant> times = it.next();
      if (times.isEmpty() || !times.peekLast().isAfter(windowStart)) {
        it.remove();
      }
    }
  }
}
