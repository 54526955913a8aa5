package dev.obs.servlet;

import dev.obs.health.CheckOptions;
import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthStatus;
import dev.obs.history.ComponentHistory;
import dev.obs.history.StatusSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one view of the status page shows: the snapshot computed in the background plus the live
 * status of each component, read from the checks' last results without running them.
 *
 * @param snapshot the background snapshot
 * @param overall the aggregate status, or {@code null} before any check has reported
 * @param live each component's current status, in the snapshot's order; {@code null} when unknown
 */
record StatusView(
    StatusSnapshot snapshot, @Nullable HealthStatus overall, List<@Nullable HealthStatus> live) {

  static StatusView of(StatusSnapshot snapshot, HealthRegistry health) {
    List<@Nullable HealthStatus> live = new ArrayList<>();
    for (ComponentHistory c : snapshot.components()) {
      live.add(health.lastStatus(c.check()));
    }
    return new StatusView(snapshot, overall(health), live);
  }

  /** The worst status over every check, a non-critical DOWN counting as DEGRADED. */
  static @Nullable HealthStatus overall(HealthRegistry health) {
    List<String> names = health.names();
    if (names.isEmpty()) {
      return HealthStatus.UP;
    }
    HealthStatus worst = null;
    for (String name : names) {
      HealthStatus s = health.lastStatus(name);
      CheckOptions options = health.options(name);
      if (s == null || options == null) {
        continue;
      }
      if (s == HealthStatus.DOWN && !options.critical()) {
        s = HealthStatus.DEGRADED;
      }
      if (worst == null || s.ordinal() > worst.ordinal()) {
        worst = s;
      }
    }
    return worst;
  }

  /** The live part of the view as text; with the snapshot's identity it keys the page cache. */
  String liveKey() {
    StringBuilder key = new StringBuilder(16);
    key.append(overall);
    for (HealthStatus s : live) {
      key.append('/').append(s == null ? '-' : s.name().charAt(0));
    }
    return key.toString();
  }
}
