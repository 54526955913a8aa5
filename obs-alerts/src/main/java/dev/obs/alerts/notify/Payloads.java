package dev.obs.alerts.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The JSON bodies of the HTTP notifiers, in the field names each receiver documents. */
final class Payloads {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Alertmanager's "zero" time, which its webhook payload uses for a firing alert's end. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  /** Telegram refuses messages longer than this many characters. */
  static final int TELEGRAM_MAX = 4096;

  /**
   * How long Alertmanager keeps an alert firing without hearing of it again; obs resends firing
   * alerts every {@link Dispatcher#ALERTMANAGER_RESEND} and, like Prometheus, sets their end four
   * resend periods ahead.
   */
  static final Duration ALERTMANAGER_VALIDITY = Dispatcher.ALERTMANAGER_RESEND.multipliedBy(4);

  private Payloads() {}

  static ObjectNode slack(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", n.title() + "\n" + n.text());
    return root;
  }

  static ObjectNode telegram(Notification n, String chatId) {
    String text = n.title() + "\n" + n.text();
    if (text.length() > TELEGRAM_MAX) {
      text = text.substring(0, TELEGRAM_MAX - 1) + "\u2026";
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("chat_id", chatId);
    root.put("text", text);
    root.put("disable_web_page_preview", true);
    return root;
  }

  static ObjectNode webhook(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "4");
    root.put("groupKey", n.groupKey());
    root.put("truncatedAlerts", 0);
    root.put("status", n.status());
    root.put("receiver", n.receiver());
    root.set("groupLabels", map(n.groupLabels()));
    root.set("commonLabels", map(n.commonLabels()));
    root.set("commonAnnotations", map(n.commonAnnotations()));
    root.put("externalURL", n.externalUrl());
    ArrayNode alerts = root.putArray("alerts");
    for (Alert a : n.alerts()) {
      ObjectNode alert = alerts.addObject();
      boolean resolved = a.state() == AlertState.RESOLVED;
      alert.put("status", resolved ? "resolved" : "firing");
      alert.set("labels", map(a.labels()));
      alert.set("annotations", map(a.annotations()));
      alert.put("startsAt", startsAt(a).toString());
      Instant end = a.resolvedAt();
      alert.put("endsAt", resolved && end != null ? end.toString() : ZERO_TIME);
      alert.put("generatorURL", n.externalUrl());
      alert.put("fingerprint", a.fingerprint());
    }
    return root;
  }

  static ArrayNode alertmanager(Notification n) {
    ArrayNode root = JSON.createArrayNode();
    for (Alert a : n.alerts()) {
      ObjectNode alert = root.addObject();
      alert.set("labels", map(a.labels()));
      alert.set("annotations", map(a.annotations()));
      alert.put("startsAt", startsAt(a).toString());
      Instant end = a.resolvedAt();
      if (a.state() == AlertState.RESOLVED && end != null) {
        alert.put("endsAt", end.toString());
      } else {
        alert.put("endsAt", n.createdAt().plus(ALERTMANAGER_VALIDITY).toString());
      }
      if (!n.externalUrl().isEmpty()) {
        alert.put("generatorURL", n.externalUrl());
      }
    }
    return root;
  }

  static Instant startsAt(Alert a) {
    Instant fired = a.firedAt();
    return fired != null ? fired : a.activeAt();
  }

  private static ObjectNode map(Map<String, String> values) {
    ObjectNode node = JSON.createObjectNode();
    values.forEach(node::put);
    return node;
  }
}
