package dev.obs.testkit;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
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
}
