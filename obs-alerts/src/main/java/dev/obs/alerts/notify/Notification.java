package dev.obs.alerts.notify;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One message to one receiver: the alerts of an aggregation group, a test message or the daily
 * digest. Notifiers turn it into their payload.
 *
 * @param kind what the message is
 * @param receiver the receiver's name, such as {@code telegram}
 * @param groupKey identifies the aggregation group (route and grouping label values)
 * @param groupLabels the labels the group is grouped by, with their values
 * @param alerts the alerts, firing first, each in its current state
 * @param createdAt when the notification was decided
 * @param externalUrl where the application's obs endpoints are, for links; empty when unknown
 */
public record Notification(
    Kind kind,
    String receiver,
    String groupKey,
    Map<String, String> groupLabels,
    List<Alert> alerts,
    Instant createdAt,
    String externalUrl) {

  /** What a notification is. */
  public enum Kind {
    /** Alerts of an aggregation group that fired or resolved. */
    ALERTS,
    /** A test message sent through the admin API. */
    TEST,
    /** The daily digest of what fired in the last 24 hours. */
    DIGEST
  }

  /**
   * Creates a notification, copying the collections.
   *
   * @param kind what the message is
   * @param receiver the receiver
   * @param groupKey the group key
   * @param groupLabels the grouping labels
   * @param alerts the alerts
   * @param createdAt when it was decided
   * @param externalUrl the external URL or empty
   */
  public Notification {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(externalUrl, "externalUrl");
    groupLabels = Collections.unmodifiableMap(new TreeMap<>(groupLabels));
    alerts = List.copyOf(alerts);
  }

  /**
   * Returns the alerts that are firing.
   *
   * @return the firing alerts
   */
  public List<Alert> firing() {
    return alerts.stream().filter(a -> a.state() != AlertState.RESOLVED).toList();
  }

  /**
   * Returns the alerts that resolved.
   *
   * @return the resolved alerts
   */
  public List<Alert> resolved() {
    return alerts.stream().filter(a -> a.state() == AlertState.RESOLVED).toList();
  }

  /**
   * Returns {@code firing} when any alert fires, else {@code resolved}, as Alertmanager does.
   *
   * @return the group status
   */
  public String status() {
    return firing().isEmpty() ? "resolved" : "firing";
  }

  /**
   * Returns the labels every alert shares.
   *
   * @return the common labels
   */
  public Map<String, String> commonLabels() {
    return common(true);
  }

  /**
   * Returns the annotations every alert shares.
   *
   * @return the common annotations
   */
  public Map<String, String> commonAnnotations() {
    return common(false);
  }

  private Map<String, String> common(boolean labels) {
    if (alerts.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out =
        new LinkedHashMap<>(labels ? alerts.get(0).labels() : alerts.get(0).annotations());
    for (Alert a : alerts) {
      Map<String, String> other = labels ? a.labels() : a.annotations();
      out.entrySet().removeIf(e -> !e.getValue().equals(other.get(e.getKey())));
    }
    return Collections.unmodifiableMap(new TreeMap<>(out));
  }

  /**
   * Returns the one-line title chat notifiers and email subjects use, such as {@code [FIRING:2]
   * HighErrorRate} or {@code [RESOLVED] HighErrorRate}.
   *
   * @return the title
   */
  public String title() {
    return Texts.title(this);
  }

  /**
   * Returns the plain-text body: one line per alert with its labels, value and summary.
   *
   * @return the text
   */
  public String text() {
    return Texts.body(this);
  }
}
