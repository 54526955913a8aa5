package dev.obs.testkit;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.alerts.Alerts;
import dev.obs.alerts.GroupStatus;
import dev.obs.promql.LabelMatcher;
import dev.obs.promql.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats alerts for failure messages, one per line. */
final class AlertFormat {
  private AlertFormat() {}

  static String state(AlertState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  static String list(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return "  (none)";
    }
    StringBuilder sb = new StringBuilder();
    for (Alert a : alerts) {
      if (!sb.isEmpty()) {
        sb.append(System.lineSeparator());
      }
      sb.append("  ")
          .append(state(a.state()))
          .append(' ')
          .append(a.name())
          .append(' ')
          .append(a.labels())
          .append(" value=")
          .append(a.value())
          .append(" since ")
          .append(a.activeAt());
      if (!a.annotations().isEmpty()) {
        sb.append(" annotations=").append(a.annotations());
      }
    }
    return sb.toString();
  }

  /** The most NaN inputs a message lists. */
  private static final int NAN_LIMIT = 20;

  /**
   * When each rule group last ran and which sampled inputs were NaN then, so a missing alert can be
   * told from one whose rule never ran or whose input (a health check nobody ran, say) has no
   * value.
   */
  static String evaluations(Alerts alerts) {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder("Rule groups:");
    List<GroupStatus> groups = alerts.groups();
    if (groups.isEmpty()) {
      sb.append(nl).append("  (none: no rule is loaded)");
    }
    Instant latest = null;
    for (GroupStatus g : groups) {
      sb.append(nl)
          .append("  ")
          .append(g.name())
          .append(" (every ")
          .append(g.interval().toString().substring(2).toLowerCase(Locale.ROOT));
      if (g.lastEvaluation() == null) {
        sb.append("): never evaluated; advance an ObsTime or call Alerts.evaluateDue()");
      } else {
        sb.append("): last evaluated at ").append(g.lastEvaluation());
        if (latest == null || g.lastEvaluation().isAfter(latest)) {
          latest = g.lastEvaluation();
        }
      }
    }
    if (latest == null) {
      return sb.toString();
    }
    List<String> nan = new ArrayList<>();
    long at = latest.toEpochMilli();
    for (Series s :
        alerts.store().select(List.of(LabelMatcher.parse("__name__=~\".+\"")), at - 300_000L, at)) {
      double[] values = s.values();
      if (values.length > 0
          && Double.isNaN(values[values.length - 1])
          && !Series.isStale(values[values.length - 1])) {
        nan.add(s.labels().toString());
      }
    }
    nan.sort(null);
    sb.append(nl).append("Inputs that were NaN at ").append(latest).append(':');
    if (nan.isEmpty()) {
      sb.append(nl).append("  (none)");
    }
    for (int i = 0; i < nan.size() && i < NAN_LIMIT; i++) {
      sb.append(nl).append("  ").append(nan.get(i));
    }
    if (nan.size() > NAN_LIMIT) {
      sb.append(nl).append("  ... and ").append(nan.size() - NAN_LIMIT).append(" more");
    }
    return sb.toString();
  }
}
