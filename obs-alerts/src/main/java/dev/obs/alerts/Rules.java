package dev.obs.alerts;

import dev.obs.promql.PromDuration;
import dev.obs.promql.PromQL;
import dev.obs.promql.PromQLParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Java DSL for rules: it builds the same {@link AlertingRule}, {@link RecordingRule} and {@link
 * RuleGroup} objects a rule file loads to, with expressions in canonical PromQL, and helpers for
 * the usual alerts over obs's own meters. {@link RuleFiles#toYaml} exports the result to a rule
 * file that Prometheus loads unchanged.
 *
 * <pre>{@code
 * RuleGroup group = Rules.group("app")
 *     .rule(Rules.errorRateAbove("HighErrorRate", 0.05, Duration.ofMinutes(5))
 *         .forDuration(Duration.ofMinutes(5)).label("severity", "critical"))
 *     .rule(Rules.healthCheckDown("DatabaseDown", "database").forDuration(Duration.ofMinutes(2)))
 *     .build();
 * }</pre>
 */
public final class Rules {
  /** The HTTP server request counter as Prometheus names it. */
  static final String REQUESTS = "http_server_requests_seconds_count";

  /** The HTTP server request histogram buckets as Prometheus names them. */
  static final String BUCKETS = "http_server_requests_seconds_bucket";

  private Rules() {}

  /**
   * Starts an alerting rule.
   *
   * @param name the alert name
   * @return a builder
   */
  public static AlertBuilder alert(String name) {
    return new AlertBuilder(name);
  }

  /**
   * Starts a recording rule.
   *
   * @param name the recorded series name
   * @return a builder
   */
  public static RecordBuilder record(String name) {
    return new RecordBuilder(name);
  }

  /**
   * Starts a rule group.
   *
   * @param name the group name
   * @return a builder
   */
  public static GroupBuilder group(String name) {
    return new GroupBuilder(name);
  }

  /**
   * Returns the canonical form of a PromQL expression, as the DSL and Prometheus print it.
   *
   * @param expr the expression
   * @return the canonical text
   * @throws IllegalArgumentException when the expression is invalid or outside the subset
   */
  public static String canonical(String expr) {
    try {
      return PromQL.parse(expr).toString();
    } catch (PromQLParseException e) {
      throw new IllegalArgumentException("invalid expression '" + expr + "': " + e.getMessage(), e);
    }
  }

  /**
   * Alerts when the share of HTTP requests answered with a 5xx exceeds {@code ratio} over {@code
   * window}.
   *
   * @param name the alert name
   * @param ratio the threshold between 0 and 1, such as 0.05
   * @param window the rate window, such as 5 minutes
   * @return a builder with the expression and a summary annotation
   */
  public static AlertBuilder errorRateAbove(String name, double ratio, Duration window) {
    checkRatio(ratio, "ratio");
    return alert(name)
        .expr(errorRatio(window) + " > " + number(ratio))
        .annotation(
            "summary",
            "{{ $value | humanizePercentage }} of requests failed over the last "
                + PromDuration.format(window));
  }

  /**
   * Alerts when the 95th percentile of HTTP request latency exceeds {@code threshold}, computed
   * from the request histogram over {@code window}.
   *
   * @param name the alert name
   * @param threshold the latency threshold
   * @param window the rate window
   * @return a builder with the expression and a summary annotation
   */
  public static AlertBuilder latencyP95Above(String name, Duration threshold, Duration window) {
    return alert(name)
        .expr(p95(window, null) + " > " + seconds(threshold))
        .annotation("summary", "p95 latency is {{ humanizeDuration $value }}");
  }

  /**
   * Alerts when a health check is DOWN ({@code obs_health_status} is 0).
   *
   * @param name the alert name
   * @param check the check name
   * @return a builder with the expression and a summary annotation
   */
  public static AlertBuilder healthCheckDown(String name, String check) {
    return alert(name)
        .expr("obs_health_status{check=" + GoFormat.quote(check) + "} == 0")
        .annotation("summary", "health check {{ $labels.check }} is DOWN");
  }

  /**
   * Alerts when a health check's uptime over {@code window} falls below {@code ratio}: the average
   * of {@code obs_health_status}, where DEGRADED counts as half up.
   *
   * @param name the alert name
   * @param check the check name
   * @param ratio the threshold between 0 and 1, such as 0.999
   * @param window the window, such as 1 day
   * @return a builder with the expression and a summary annotation
   */
  public static AlertBuilder uptimeBelow(String name, String check, double ratio, Duration window) {
    checkRatio(ratio, "ratio");
    return alert(name)
        .expr(
            "avg_over_time(obs_health_status{check="
                + GoFormat.quote(check)
                + "}["
                + PromDuration.format(window)
                + "]) < "
                + number(ratio))
        .annotation(
            "summary",
            "uptime of {{ $labels.check }} is {{ $value | humanizePercentage }} over "
                + PromDuration.format(window));
  }

  /**
   * Alerts when the 95th percentile latency is above {@code factor} times its value one day earlier
   * ({@code offset 1d}), both over {@code window}.
   *
   * @param name the alert name
   * @param factor the factor, such as 2
   * @param window the rate window
   * @return a builder with the expression and a summary annotation
   */
  public static AlertBuilder latencyAboveBaseline(String name, double factor, Duration window) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("factor must be positive, got " + factor);
    }
    return alert(name)
        .expr(p95(window, null) + " > " + number(factor) + " * " + p95(window, Duration.ofDays(1)))
        .annotation(
            "summary",
            "p95 latency is {{ humanizeDuration $value }}, over "
                + number(factor)
                + "x its value a day ago");
  }

  /**
   * Alerts with hysteresis: fires when {@code expr} is above {@code fireAbove}, and once active
   * stays so until it falls to {@code resolveBelow} or under, through the rule's own {@code ALERTS}
   * series: {@code x > fire or (x > resolve and on() ALERTS{alertname="name"})}. It runs unchanged
   * in Prometheus.
   *
   * @param name the alert name
   * @param expr the value to watch, such as an error ratio
   * @param fireAbove the firing threshold
   * @param resolveBelow the resolving threshold, at most {@code fireAbove}
   * @return a builder with the expression
   */
  public static AlertBuilder hysteresis(
      String name, String expr, double fireAbove, double resolveBelow) {
    if (resolveBelow > fireAbove) {
      throw new IllegalArgumentException(
          "resolveBelow must not exceed fireAbove, got " + resolveBelow + " > " + fireAbove);
    }
    String x = "(" + canonical(expr) + ")";
    return alert(name)
        .expr(
            x
                + " > "
                + number(fireAbove)
                + " or ("
                + x
                + " > "
                + number(resolveBelow)
                + " and on () ALERTS{alertname="
                + GoFormat.quote(name)
                + "})");
  }

  /**
   * Returns the share of 5xx HTTP responses over a window, the expression behind {@link
   * #errorRateAbove}.
   *
   * @param window the rate window
   * @return the PromQL text
   */
  public static String errorRatio(Duration window) {
    String w = "[" + PromDuration.format(window) + "]";
    return "sum(rate("
        + REQUESTS
        + "{outcome=\"SERVER_ERROR\"}"
        + w
        + ")) / sum(rate("
        + REQUESTS
        + w
        + "))";
  }

  static String p95(Duration window, @Nullable Duration offset) {
    String range = "[" + PromDuration.format(window) + "]";
    if (offset != null) {
      range += " offset " + PromDuration.format(offset);
    }
    return "histogram_quantile(0.95, sum by (le) (rate(" + BUCKETS + range + ")))";
  }

  static String seconds(Duration d) {
    return number(d.toNanos() / 1e9);
  }

  static String number(double v) {
    return GoFormat.g(v, -1);
  }

  private static void checkRatio(double ratio, String what) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, got " + ratio);
    }
  }

  /** Builds an {@link AlertingRule}. */
  public static final class AlertBuilder {
    private final String name;
    private @Nullable String expr;
    private Duration forDuration = Duration.ZERO;
    private Duration keepFiringFor = Duration.ZERO;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private AlertBuilder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the PromQL expression.
     *
     * @param expr the expression
     * @return this builder
     */
    public AlertBuilder expr(String expr) {
      this.expr = expr;
      return this;
    }

    /**
     * Sets how long the expression must hold before the alert fires. The default is zero.
     *
     * @param duration the duration
     * @return this builder
     */
    public AlertBuilder forDuration(Duration duration) {
      this.forDuration = duration;
      return this;
    }

    /**
     * Sets how long a firing alert keeps firing after the expression stops holding.
     *
     * @param duration the duration
     * @return this builder
     */
    public AlertBuilder keepFiringFor(Duration duration) {
      this.keepFiringFor = duration;
      return this;
    }

    /**
     * Adds a label, which may be a template.
     *
     * @param name the label name
     * @param value the value
     * @return this builder
     */
    public AlertBuilder label(String name, String value) {
      labels.put(name, value);
      return this;
    }

    /**
     * Adds an annotation, which may be a template; replaces one of the same name.
     *
     * @param name the annotation name
     * @param value the value
     * @return this builder
     */
    public AlertBuilder annotation(String name, String value) {
      annotations.put(name, value);
      return this;
    }

    /**
     * Builds the rule, checking the expression and templates.
     *
     * @return the rule
     * @throws IllegalArgumentException when the expression or a template is invalid
     */
    public AlertingRule build() {
      if (expr == null) {
        throw new IllegalArgumentException("alerting rule '" + name + "' needs an expression");
      }
      AlertingRule rule =
          new AlertingRule(name, canonical(expr), forDuration, keepFiringFor, labels, annotations);
      checkTemplates(rule);
      return rule;
    }

    private static void checkTemplates(AlertingRule rule) {
      List<Map.Entry<String, String>> all = new ArrayList<>(rule.labels().entrySet());
      all.addAll(rule.annotations().entrySet());
      for (Map.Entry<String, String> e : all) {
        try {
          Template.parse(e.getValue());
        } catch (Template.ParseException ex) {
          throw new IllegalArgumentException(
              "alerting rule '"
                  + rule.name()
                  + "': template error in '"
                  + e.getKey()
                  + "' at "
                  + (ex.offset() + 1)
                  + ": "
                  + ex.getMessage(),
              ex);
        }
      }
    }
  }

  /** Builds a {@link RecordingRule}. */
  public static final class RecordBuilder {
    private final String name;
    private @Nullable String expr;
    private final Map<String, String> labels = new LinkedHashMap<>();

    private RecordBuilder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the PromQL expression.
     *
     * @param expr the expression
     * @return this builder
     */
    public RecordBuilder expr(String expr) {
      this.expr = expr;
      return this;
    }

    /**
     * Adds a label to the recorded series.
     *
     * @param name the label name
     * @param value the value
     * @return this builder
     */
    public RecordBuilder label(String name, String value) {
      labels.put(name, value);
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     * @throws IllegalArgumentException when the name or expression is invalid
     */
    public RecordingRule build() {
      if (expr == null) {
        throw new IllegalArgumentException("recording rule '" + name + "' needs an expression");
      }
      return new RecordingRule(name, canonical(expr), labels);
    }
  }

  /** Builds a {@link RuleGroup}. */
  public static final class GroupBuilder {
    private final String name;
    private @Nullable Duration interval;
    private int limit;
    private final List<Rule> rules = new ArrayList<>();

    private GroupBuilder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the group's evaluation interval; by default the engine's.
     *
     * @param interval the interval
     * @return this builder
     */
    public GroupBuilder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /**
     * Sets the most alerts or series one rule may produce; 0, the default, means no limit.
     *
     * @param limit the limit
     * @return this builder
     */
    public GroupBuilder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Adds a rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public GroupBuilder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds an alerting rule from its builder.
     *
     * @param rule the builder
     * @return this builder
     */
    public GroupBuilder rule(AlertBuilder rule) {
      return rule(rule.build());
    }

    /**
     * Adds a recording rule from its builder.
     *
     * @param rule the builder
     * @return this builder
     */
    public GroupBuilder rule(RecordBuilder rule) {
      return rule(rule.build());
    }

    /**
     * Builds the group.
     *
     * @return the group
     * @throws IllegalArgumentException when the group is invalid
     */
    public RuleGroup build() {
      return new RuleGroup(name, interval, limit, rules);
    }
  }
}
