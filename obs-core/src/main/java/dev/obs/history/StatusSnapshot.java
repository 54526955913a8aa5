package dev.obs.history;

import java.time.Instant;
import java.util.List;

/**
 * What the status page shows besides the live component statuses, computed in the background after
 * each sample so that serving the page reads memory only.
 *
 * @param computedAt when it was computed
 * @param components the public components with their daily uptime, in registration order
 * @param incidents open incidents and those resolved recently, newest first
 * @param latency24h P50/P95/P99 of every route over the last 24 hours, in 15-minute steps
 * @param latency7d the same over the last 7 days, in 1-hour steps
 */
public record StatusSnapshot(
    Instant computedAt,
    List<ComponentHistory> components,
    List<Incident> incidents,
    List<LatencyPoint> latency24h,
    List<LatencyPoint> latency7d) {
  /**
   * Copies the lists.
   *
   * @param computedAt when
   * @param components the components
   * @param incidents the incidents
   * @param latency24h the 24-hour chart
   * @param latency7d the 7-day chart
   */
  public StatusSnapshot {
    components = List.copyOf(components);
    incidents = List.copyOf(incidents);
    latency24h = List.copyOf(latency24h);
    latency7d = List.copyOf(latency7d);
  }
}
