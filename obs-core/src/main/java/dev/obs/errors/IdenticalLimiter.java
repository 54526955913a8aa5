package dev.obs.errors;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets through at most N identical errors per minute; identical means the same exception type,
 * message and top stack frame. Counts reset at each wall-clock minute of the injected clock.
 */
final class IdenticalLimiter {
  // Bounded: past this many distinct errors in one minute, new ones share a single counter.
  private static final int MAX_KEYS = 10_000;

  private final int perMinute;
  private final Clock clock;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private volatile long minute = Long.MIN_VALUE;

  IdenticalLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  boolean tryAcquire(Throwable error) {
    long now = clock.millis() / 60_000;
    if (now != minute) {
      synchronized (this) {
        if (now != minute) {
          counts.clear();
          minute = now;
        }
      }
    }
    String key = key(error);
    if (counts.size() >= MAX_KEYS && !counts.containsKey(key)) {
      key = "";
    }
    return counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= perMinute;
  }

  static String key(Throwable error) {
    StackTraceElement[] frames = error.getStackTrace();
    String top = frames.length > 0 ? frames[0].toString() : "";
    return error.getClass().getName() + '\n' + error.getMessage() + '\n' + top;
  }
}
