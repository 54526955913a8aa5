package dev.obs.servlet;

import dev.obs.health.HealthStatus;
import dev.obs.history.ComponentHistory;
import dev.obs.history.DailyUptime;
import dev.obs.history.Incident;
import dev.obs.history.IncidentUpdate;
import dev.obs.history.LatencyPoint;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * Renders the status page as HTML that reads completely without JavaScript: landmarks, a banner
 * whose colour always comes with text, components with 90 daily bars each labelled in words,
 * incidents with their updates, and the response-time data as tables that the script turns into
 * charts. Every dynamic value is escaped by {@link Html}.
 */
final class StatusPage {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String heading;

  StatusPage(@Nullable String heading) {
    this.heading = heading == null || heading.isBlank() ? "" : heading.strip();
  }

  String render(StatusView view, String lang, String base) {
    ResourceBundle m = StatusLanguages.bundle(lang);
    StringBuilder h = new StringBuilder(64 * 1024);
    String title =
        heading.isEmpty() ? text(m, "page.title") : heading + " – " + text(m, "page.title");
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(Html.escape(lang))
        .append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"refresh\" content=\"60\">\n")
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(Html.escape(base))
        .append("/status/assets/status.css\">\n")
        .append("</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#main\">")
        .append(text(m, "skip"))
        .append("</a>\n")
        .append("<header>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n");
    languages(h, m, lang, base);
    h.append("</header>\n<main id=\"main\">\n");
    banner(h, m, view.overall());
    activeIncidents(h, m, view.snapshot().incidents());
    components(h, m, view);
    latency(h, m, view.snapshot());
    incidents(h, m, view.snapshot().incidents());
    h.append("</main>\n<footer>\n<p>")
        .append(fmt(m, "updated", TIME.format(view.snapshot().computedAt())))
        .append("</p>\n</footer>\n")
        .append("<script src=\"")
        .append(Html.escape(base))
        .append("/status/assets/chart.umd.min.js\" defer></script>\n")
        .append("<script src=\"")
        .append(Html.escape(base))
        .append("/status/assets/status.js\" defer></script>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  private static void languages(StringBuilder h, ResourceBundle m, String lang, String base) {
    h.append("<nav aria-label=\"")
        .append(text(m, "language"))
        .append("\">\n<ul class=\"langs\">\n");
    for (Map.Entry<String, String> e : StatusLanguages.NAMES.entrySet()) {
      h.append("<li><a href=\"")
          .append(Html.escape(base))
          .append("/status?lang=")
          .append(Html.escape(e.getKey()))
          .append("\" lang=\"")
          .append(Html.escape(e.getKey()))
          .append("\" hreflang=\"")
          .append(Html.escape(e.getKey()))
          .append('"');
      if (e.getKey().equals(lang)) {
        h.append(" aria-current=\"page\"");
      }
      h.append('>').append(Html.escape(e.getValue())).append("</a></li>\n");
    }
    h.append("</ul>\n</nav>\n");
  }

  private static void banner(StringBuilder h, ResourceBundle m, @Nullable HealthStatus overall) {
    String key = overall == null ? "UNKNOWN" : overall.name();
    h.append("<section id=\"banner\" class=\"banner s-")
        .append(key.toLowerCase(Locale.ROOT))
        .append("\" role=\"status\" aria-live=\"polite\">\n<p>")
        .append("<span class=\"icon\" aria-hidden=\"true\">")
        .append(icon(key))
        .append("</span> ")
        .append(text(m, "banner." + key))
        .append("</p>\n</section>\n");
  }

  private static String icon(String status) {
    return switch (status) {
      case "UP" -> "✔";
      case "DEGRADED" -> "!";
      case "DOWN" -> "✖";
      default -> "?";
    };
  }

  private static void activeIncidents(StringBuilder h, ResourceBundle m, List<Incident> all) {
    for (Incident i : all) {
      if (i.isOpen()) {
        h.append("<section class=\"active-incident\" aria-labelledby=\"active-")
            .append(Html.escape(i.id()))
            .append("\">\n<h2 id=\"active-")
            .append(Html.escape(i.id()))
            .append("\">")
            .append(Html.escape(i.title()))
            .append("</h2>\n");
        IncidentUpdate last = i.updates().get(i.updates().size() - 1);
        h.append("<p><strong>")
            .append(text(m, "state." + last.state().id()))
            .append("</strong> – ")
            .append(Html.escape(last.message()))
            .append("</p>\n</section>\n");
      }
    }
  }

  private static void components(StringBuilder h, ResourceBundle m, StatusView view) {
    h.append("<section aria-labelledby=\"components-h\">\n<h2 id=\"components-h\">")
        .append(text(m, "components.heading"))
        .append("</h2>\n");
    List<ComponentHistory> components = view.snapshot().components();
    if (components.isEmpty()) {
      h.append("<p>").append(text(m, "components.none")).append("</p>\n</section>\n");
      return;
    }
    h.append("<ul class=\"components\">\n");
    for (int c = 0; c < components.size(); c++) {
      ComponentHistory component = components.get(c);
      HealthStatus live = view.live().get(c);
      String key = live == null ? "UNKNOWN" : live.name();
      String title = Html.escape(component.title());
      h.append("<li class=\"component\">\n<div class=\"component-head\"><h3>")
          .append(title)
          .append("</h3> <span class=\"state s-")
          .append(key.toLowerCase(Locale.ROOT))
          .append("\">")
          .append("<span class=\"icon\" aria-hidden=\"true\">")
          .append(icon(key))
          .append("</span> ")
          .append(text(m, "status." + key))
          .append("</span></div>\n");
      h.append("<ol class=\"bars\" aria-label=\"")
          .append(fmt(m, "bars.label", component.title()))
          .append("\">");
      for (DailyUptime d : component.days()) {
        String day = d.day().toString();
        String label;
        String cls;
        if (d.sampled() == 0) {
          label = fmt(m, "bars.noData", day);
          cls = "none";
        } else {
          double pct = d.availablePercent();
          label = fmt(m, "bars.day", day, percent(pct));
          cls =
              d.down() == 0
                  ? (d.degraded() == 0 ? "up" : "partial")
                  : pct >= 99 ? "partial" : "down";
        }
        h.append("<li class=\"bar b-")
            .append(cls)
            .append("\" title=\"")
            .append(label)
            .append("\"><span class=\"vh\">")
            .append(label)
            .append("</span></li>");
      }
      h.append("</ol>\n<p class=\"bars-legend\"><span>")
          .append(text(m, "bars.start"))
          .append("</span><span>")
          .append(fmt(m, "components.uptime", percent(component.uptimePercent())))
          .append("</span><span>")
          .append(text(m, "bars.end"))
          .append("</span></p>\n</li>\n");
    }
    h.append("</ul>\n</section>\n");
  }

  private static void latency(StringBuilder h, ResourceBundle m, dev.obs.history.StatusSnapshot s) {
    h.append("<section aria-labelledby=\"latency-h\">\n<h2 id=\"latency-h\">")
        .append(text(m, "latency.heading"))
        .append("</h2>\n");
    boolean any = s.latency7d().stream().anyMatch(p -> p.requests() > 0);
    if (!any) {
      h.append("<p>").append(text(m, "latency.noData")).append("</p>\n");
    }
    latencyBlock(h, m, "latency-24h", text(m, "latency.24h"), s.latency24h(), any);
    latencyBlock(h, m, "latency-7d", text(m, "latency.7d"), s.latency7d(), any);
    h.append("</section>\n");
  }

  private static void latencyBlock(
      StringBuilder h,
      ResourceBundle m,
      String id,
      String window,
      List<LatencyPoint> points,
      boolean any) {
    h.append("<figure class=\"latency\" id=\"")
        .append(id)
        .append("\">\n<figcaption>")
        .append(window)
        .append("</figcaption>\n");
    if (any) {
      h.append("<div class=\"chart\"><canvas role=\"img\" aria-label=\"")
          .append(fmt(m, "latency.chart", window))
          .append("\"></canvas></div>\n");
    }
    h.append("<details><summary>")
        .append(fmt(m, "latency.table", window))
        .append("</summary>\n")
        .append("<table class=\"latency-data\">\n<thead><tr><th scope=\"col\">")
        .append(text(m, "latency.time"))
        .append("</th><th scope=\"col\">")
        .append(text(m, "latency.requests"))
        .append(
            "</th><th scope=\"col\">P50</th><th scope=\"col\">P95</th><th scope=\"col\">P99</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (LatencyPoint p : points) {
      h.append("<tr data-t=\"")
          .append(p.at().getEpochSecond())
          .append("\"><th scope=\"row\">")
          .append(HOUR.format(p.at()))
          .append("</th><td>")
          .append(p.requests())
          .append("</td><td>")
          .append(ms(p.p50()))
          .append("</td><td>")
          .append(ms(p.p95()))
          .append("</td><td>")
          .append(ms(p.p99()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</details>\n</figure>\n");
  }

  private static void incidents(StringBuilder h, ResourceBundle m, List<Incident> incidents) {
    h.append("<section aria-labelledby=\"incidents-h\">\n<h2 id=\"incidents-h\">")
        .append(text(m, "incidents.heading"))
        .append("</h2>\n");
    if (incidents.isEmpty()) {
      h.append("<p>").append(text(m, "incidents.none")).append("</p>\n</section>\n");
      return;
    }
    h.append("<ol class=\"incidents\">\n");
    for (Incident i : incidents) {
      h.append("<li class=\"incident\">\n<h3>")
          .append(Html.escape(i.title()))
          .append(" <span class=\"state i-")
          .append(i.state().id())
          .append("\">")
          .append(text(m, "state." + i.state().id()))
          .append("</span></h3>\n<p class=\"when\">")
          .append(fmt(m, "incidents.started", TIME.format(i.startedAt())));
      if (i.resolvedAt() != null) {
        h.append(" · ").append(fmt(m, "incidents.resolved", TIME.format(i.resolvedAt())));
      }
      h.append("</p>\n<ol class=\"updates\" reversed>\n");
      List<IncidentUpdate> updates = i.updates();
      for (int u = updates.size() - 1; u >= 0; u--) {
        IncidentUpdate update = updates.get(u);
        h.append("<li><strong>")
            .append(text(m, "state." + update.state().id()))
            .append("</strong> – ")
            .append(Html.escape(update.message()))
            .append(" <time datetime=\"")
            .append(update.at())
            .append("\">")
            .append(TIME.format(update.at()))
            .append("</time></li>\n");
      }
      h.append("</ol>\n</li>\n");
    }
    h.append("</ol>\n</section>\n");
  }

  static String percent(double pct) {
    if (Double.isNaN(pct)) {
      return "–";
    }
    return String.format(Locale.ROOT, pct >= 99.995 ? "%.0f%%" : "%.2f%%", pct);
  }

  static String ms(double seconds) {
    return Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.1f", seconds * 1000);
  }

  /** A bundle text, escaped. */
  private static String text(ResourceBundle m, String key) {
    return Html.escape(m.getString(key));
  }

  /** A bundle pattern filled with arguments, escaped after formatting. */
  private static String fmt(ResourceBundle m, String key, Object... args) {
    return Html.escape(new MessageFormat(m.getString(key), m.getLocale()).format(args));
  }

  static String instant(Instant t) {
    return TIME.format(t);
  }
}
