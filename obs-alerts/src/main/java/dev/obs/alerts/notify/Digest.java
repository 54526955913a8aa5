package dev.obs.alerts.notify;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers what fired and, once a day at a local time, hands back the alerts that fired in the 24
 * hours before. Not thread-safe: the dispatcher calls it under its lock.
 */
final class Digest {
  static final Duration WINDOW = Duration.ofHours(24);
  // Bounded: a rule that flaps all day must not grow this without limit.
  static final int MAX_ENTRIES = 1000;

  private final String receiver;
  private final LocalTime time;
  private final ZoneId zone;
  private final Map<String, Alert> fired = new LinkedHashMap<>();
  private Instant next;

  Digest(String receiver, LocalTime time, ZoneId zone, Instant now) {
    this.receiver = receiver;
    this.time = time;
    this.zone = zone;
    this.next = nextAfter(now);
  }

  String receiver() {
    return receiver;
  }

  Instant next() {
    return next;
  }

  /** Notes a firing alert, or the resolution of one already noted. */
  void record(Alert alert) {
    Instant firedAt = alert.firedAt();
    if (firedAt == null || alert.state() == AlertState.PENDING) {
      return;
    }
    String key = alert.fingerprint() + '@' + firedAt;
    if (alert.state() == AlertState.RESOLVED && !fired.containsKey(key)) {
      return;
    }
    fired.put(key, alert);
    if (fired.size() > MAX_ENTRIES) {
      Iterator<String> oldest = fired.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** When the digest time has come: the alerts fired in the window before it, oldest first. */
  @Nullable List<Alert> takeDue(Instant now) {
    if (now.isBefore(next)) {
      return null;
    }
    Instant end = next;
    Instant start = end.minus(WINDOW);
    List<Alert> out = new ArrayList<>();
    for (Iterator<Alert> it = fired.values().iterator(); it.hasNext(); ) {
      Alert a = it.next();
      Instant firedAt = a.firedAt();
      if (firedAt == null || !firedAt.isAfter(start)) {
        it.remove();
      } else if (!firedAt.isAfter(end)) {
        out.add(a);
      }
    }
    next = nextAfter(now);
    return out;
  }

  private Instant nextAfter(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime candidate = local.with(time);
    if (!candidate.isAfter(local)) {
      candidate = local.plusDays(1).with(time);
    }
    return candidate.toInstant();
  }
}
