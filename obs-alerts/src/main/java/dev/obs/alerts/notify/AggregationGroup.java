package dev.obs.alerts.notify;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The alerts of one route that share grouping label values, with what each receiver was last told
 * (Alertmanager's notification log). Not thread-safe: the dispatcher calls it under its lock.
 */
final class AggregationGroup {
  /** What a receiver was last notified of: the fingerprints of firing and resolved alerts. */
  record Sent(Set<String> firing, Set<String> resolved, Instant at) {}

  final Route route;
  final String key;
  final Map<String, String> labels;
  final Map<String, Alert> alerts = new LinkedHashMap<>();
  final Map<String, Sent> sent = new HashMap<>();
  Instant nextFlush;

  AggregationGroup(Route route, String key, Map<String, String> labels, Instant now) {
    this.route = route;
    this.key = key;
    this.labels = labels;
    this.nextFlush = now.plus(route.groupWait());
  }

  /** Takes the alert's new state; a resolution of an alert the group never had is ignored. */
  void update(Alert alert, String fp) {
    if (alert.state() == AlertState.RESOLVED && !alerts.containsKey(fp)) {
      return;
    }
    alerts.put(fp, alert);
  }

  /**
   * Alertmanager's rule for notifying a receiver: a new firing alert always; all alerts resolved
   * when the receiver knew of firing ones; a newly resolved alert when it wants resolutions;
   * otherwise only once the repeat interval has passed.
   */
  boolean needsUpdate(
      @Nullable Sent last,
      Set<String> firing,
      Set<String> resolved,
      boolean sendResolved,
      Instant now) {
    if (last == null) {
      return !firing.isEmpty();
    }
    if (!last.firing().containsAll(firing)) {
      return true;
    }
    if (firing.isEmpty()) {
      return !last.firing().isEmpty();
    }
    if (sendResolved && !last.resolved().containsAll(resolved)) {
      return true;
    }
    return !last.at().plus(route.repeatInterval()).isAfter(now);
  }

  /** Moves the next flush one group interval on, or from now when ticks came late. */
  void scheduleNext(Instant now) {
    nextFlush = nextFlush.plus(route.groupInterval());
    if (!nextFlush.isAfter(now)) {
      nextFlush = now.plus(route.groupInterval());
    }
  }
}
