package dev.obs.alerts.notify;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** The plain text every notifier shares: a title line and one line per alert. */
final class Texts {
  private Texts() {}

  static String title(Notification n) {
    return switch (n.kind()) {
      case DIGEST -> {
        int count = n.alerts().size();
        yield "obs daily digest: "
            + count
            + (count == 1 ? " alert" : " alerts")
            + " fired in the last 24 h";
      }
      case TEST -> "[TEST] obs test notification to " + n.receiver();
      case ALERTS -> {
        int firing = n.firing().size();
        String status = firing > 0 ? "[FIRING:" + firing + "] " : "[RESOLVED] ";
        yield status + subject(n);
      }
    };
  }

  private static String subject(Notification n) {
    Set<String> parts = new LinkedHashSet<>(n.groupLabels().values());
    if (parts.isEmpty()) {
      n.alerts().forEach(a -> parts.add(a.name()));
    }
    return String.join(" ", parts);
  }

  static String body(Notification n) {
    StringBuilder out = new StringBuilder();
    for (Alert a : n.alerts()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line(a, n.kind() == Notification.Kind.DIGEST));
    }
    if (n.alerts().isEmpty()) {
      out.append(n.kind() == Notification.Kind.TEST ? "This is a test." : "No alerts.");
    }
    return out.toString();
  }

  static String line(Alert a, boolean digest) {
    StringBuilder line = new StringBuilder();
    if (digest) {
      line.append(a.firedAt() != null ? a.firedAt() : a.activeAt()).append(' ');
    } else {
      line.append(a.state() == AlertState.RESOLVED ? "RESOLVED " : "FIRING ");
    }
    line.append(a.name());
    String labels = labels(a.labels());
    if (!labels.isEmpty()) {
      line.append(' ').append(labels);
    }
    if (!digest) {
      line.append(" value=").append(value(a.value()));
    } else if (a.resolvedAt() != null) {
      line.append(" resolved ").append(a.resolvedAt());
    }
    String summary = a.annotations().getOrDefault("summary", a.annotations().get("description"));
    if (summary != null && !summary.isBlank()) {
      line.append(": ").append(summary);
    }
    return line.toString();
  }

  static String labels(Map<String, String> labels) {
    StringJoiner joined = new StringJoiner(", ", "{", "}");
    joined.setEmptyValue("");
    labels.forEach(
        (k, v) -> {
          if (!k.equals("alertname")) {
            joined.add(k + "=\"" + v + "\"");
          }
        });
    return joined.toString();
  }

  static String value(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
