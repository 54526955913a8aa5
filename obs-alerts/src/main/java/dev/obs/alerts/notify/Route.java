package dev.obs.alerts.notify;

import dev.obs.promql.LabelMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where matching alerts go and how they are grouped, as an Alertmanager route: label matchers, the
 * receivers, whether matching continues with the next route, the grouping labels and the three
 * group timings.
 *
 * <pre>{@code
 * Route critical =
 *     Route.builder("critical")
 *         .match("severity=critical")
 *         .receivers("telegram", "email")
 *         .groupBy("alertname", "service")
 *         .build();
 * }</pre>
 *
 * @param name the route's name, used in group keys and by the test endpoint
 * @param matchers the matchers an alert must all satisfy; empty matches every alert
 * @param receivers the receivers' names
 * @param continueMatching whether routes after this one are tried too when it matches
 * @param groupBy the labels that make a group; {@code ...} groups by all labels
 * @param groupWait how long a new group waits for more alerts before its first notification
 * @param groupInterval how long a group waits before notifying of changes
 * @param repeatInterval how long before an unchanged firing group is notified again
 */
public record Route(
    String name,
    List<LabelMatcher> matchers,
    List<String> receivers,
    boolean continueMatching,
    List<String> groupBy,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval) {

  /** Alertmanager's default group wait: 30 seconds. */
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

  /** Alertmanager's default group interval: 5 minutes. */
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);

  /** Alertmanager's default repeat interval: 4 hours. */
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  /** The grouping label that means "every label": each distinct alert is its own group. */
  public static final String ALL_LABELS = "...";

  /**
   * Validates the route and copies the lists.
   *
   * @param name the name
   * @param matchers the matchers
   * @param receivers the receivers
   * @param continueMatching whether to continue
   * @param groupBy the grouping labels
   * @param groupWait the group wait, zero or positive
   * @param groupInterval the group interval, positive
   * @param repeatInterval the repeat interval, positive
   */
  public Route {
    Objects.requireNonNull(name, "name");
    matchers = List.copyOf(matchers);
    receivers = List.copyOf(receivers);
    groupBy = List.copyOf(groupBy);
    if (receivers.isEmpty()) {
      throw new IllegalArgumentException("route '" + name + "' needs at least one receiver");
    }
    if (groupWait.isNegative()) {
      throw new IllegalArgumentException(
          "route '" + name + "' group wait must not be negative, got " + groupWait);
    }
    positive(name, "group interval", groupInterval);
    positive(name, "repeat interval", repeatInterval);
  }

  private static void positive(String route, String what, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "route '" + route + "' " + what + " must be positive, got " + d);
    }
  }

  /**
   * Starts a route with Alertmanager's defaults: grouped by {@code alertname}, 30 s group wait, 5
   * min group interval, 4 h repeat interval, matching every alert.
   *
   * @param name the route's name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Tells whether an alert's labels satisfy every matcher.
   *
   * @param labels the labels
   * @return whether the route matches
   */
  public boolean matches(Map<String, String> labels) {
    return LabelMatcher.matchesAll(matchers, labels);
  }

  /**
   * Returns the values of the grouping labels for an alert.
   *
   * @param labels the alert's labels
   * @return the grouping labels with their values; labels the alert lacks are left out
   */
  public Map<String, String> groupLabels(Map<String, String> labels) {
    if (groupBy.contains(ALL_LABELS)) {
      return new TreeMap<>(labels);
    }
    Map<String, String> out = new TreeMap<>();
    for (String label : groupBy) {
      String value = labels.get(label);
      if (value != null) {
        out.put(label, value);
      }
    }
    return out;
  }

  /** Builds a {@link Route}. */
  public static final class Builder {
    private final String name;
    private final List<LabelMatcher> matchers = new ArrayList<>();
    private final List<String> receivers = new ArrayList<>();
    private boolean continueMatching;
    private List<String> groupBy = List.of("alertname");
    private Duration groupWait = DEFAULT_GROUP_WAIT;
    private Duration groupInterval = DEFAULT_GROUP_INTERVAL;
    private Duration repeatInterval = DEFAULT_REPEAT_INTERVAL;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds matchers written like {@code severity=critical} or {@code team=~"db|ops"}.
     *
     * @param matchers the matchers, each parsed with {@link LabelMatcher#parse(String)}
     * @return this builder
     */
    public Builder match(String... matchers) {
      for (String m : matchers) {
        this.matchers.add(LabelMatcher.parse(m));
      }
      return this;
    }

    /**
     * Adds matchers.
     *
     * @param matchers the matchers
     * @return this builder
     */
    public Builder matchers(List<LabelMatcher> matchers) {
      this.matchers.addAll(matchers);
      return this;
    }

    /**
     * Adds receivers by name.
     *
     * @param names the receivers
     * @return this builder
     */
    public Builder receivers(String... names) {
      receivers.addAll(List.of(names));
      return this;
    }

    /**
     * Sets whether later routes are tried too when this one matches. The default is false.
     *
     * @param value whether to continue
     * @return this builder
     */
    public Builder continueMatching(boolean value) {
      this.continueMatching = value;
      return this;
    }

    /**
     * Sets the grouping labels; {@code "..."} groups by every label. The default is {@code
     * alertname}.
     *
     * @param labels the labels
     * @return this builder
     */
    public Builder groupBy(String... labels) {
      this.groupBy = List.of(labels);
      return this;
    }

    /**
     * Sets the group wait. The default is 30 seconds.
     *
     * @param value the wait, zero to notify at the next tick
     * @return this builder
     */
    public Builder groupWait(Duration value) {
      this.groupWait = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the group interval. The default is 5 minutes.
     *
     * @param value the interval
     * @return this builder
     */
    public Builder groupInterval(Duration value) {
      this.groupInterval = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the repeat interval. The default is 4 hours.
     *
     * @param value the interval
     * @return this builder
     */
    public Builder repeatInterval(Duration value) {
      this.repeatInterval = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Builds the route.
     *
     * @return the route
     * @throws IllegalArgumentException if it has no receiver or a timing is invalid
     */
    public Route build() {
      return new Route(
          name,
          matchers,
          receivers,
          continueMatching,
          groupBy,
          groupWait,
          groupInterval,
          repeatInterval);
    }
  }
}
