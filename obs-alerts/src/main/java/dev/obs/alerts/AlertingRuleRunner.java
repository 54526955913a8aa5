package dev.obs.alerts;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.promql.Evaluator;
import dev.obs.promql.Labels;
import dev.obs.promql.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates an alerting rule with Prometheus's state machine per label set: inactive → pending →
 * firing → resolved, with {@code for}, {@code keep_firing_for} and resolved alerts kept for 15
 * minutes. It writes {@code ALERTS} and {@code ALERTS_FOR_STATE} for every pending and firing
 * alert.
 */
final class AlertingRuleRunner extends RuleRunner {
  /** How long a resolved alert is kept and reported, as in Prometheus. */
  static final long RESOLVED_RETENTION_MS = 15 * 60_000L;

  private final AlertingRule alerting;
  private final Map<String, Template> labelTemplates = new LinkedHashMap<>();
  private final Map<String, Template> annotationTemplates = new LinkedHashMap<>();
  private final long holdMs;
  private final long keepFiringMs;
  private final Map<Labels, Active> active = new LinkedHashMap<>();
  private final boolean constantLabels;
  private final boolean constantAnnotations;
  private Map<Labels, Labels> labelCache = new HashMap<>();

  /** One alert's mutable state. */
  static final class Active {
    final Labels labels;
    Map<String, String> annotations;
    AlertState state = AlertState.PENDING;
    boolean inactive;
    double value;
    final long activeAt;
    long firedAt = -1;
    long resolvedAt = -1;
    long keepFiringSince = -1;
    private Labels pendingSeries;
    private Labels firingSeries;
    private Labels forStateSeries;

    /** The ALERTS series of the current state, built once per state. */
    Labels alertsSeries() {
      if (state == AlertState.FIRING) {
        if (firingSeries == null) {
          firingSeries = labels.with(Labels.METRIC_NAME, "ALERTS").with("alertstate", "firing");
        }
        return firingSeries;
      }
      if (pendingSeries == null) {
        pendingSeries = labels.with(Labels.METRIC_NAME, "ALERTS").with("alertstate", "pending");
      }
      return pendingSeries;
    }

    Labels forStateSeries() {
      if (forStateSeries == null) {
        forStateSeries = labels.with(Labels.METRIC_NAME, "ALERTS_FOR_STATE");
      }
      return forStateSeries;
    }

    Active(Labels labels, Map<String, String> annotations, double value, long activeAt) {
      this.labels = labels;
      this.annotations = annotations;
      this.value = value;
      this.activeAt = activeAt;
    }
  }

  AlertingRuleRunner(AlertingRule rule) {
    super(rule);
    this.alerting = rule;
    this.holdMs = rule.forDuration().toMillis();
    this.keepFiringMs = rule.keepFiringFor().toMillis();
    rule.labels().forEach((k, v) -> labelTemplates.put(k, compile(k, v)));
    rule.annotations().forEach((k, v) -> annotationTemplates.put(k, compile(k, v)));
    this.constantLabels = labelTemplates.values().stream().allMatch(Template::isConstant);
    this.constantAnnotations = annotationTemplates.values().stream().allMatch(Template::isConstant);
  }

  private Template compile(String name, String text) {
    try {
      return Template.parse(text);
    } catch (Template.ParseException e) {
      throw new IllegalArgumentException(
          "alerting rule '"
              + alerting.name()
              + "': template error in '"
              + name
              + "': "
              + e.getMessage());
    }
  }

  /** Evaluates the rule and moves its alerts through their states. */
  @Override
  void evaluate(long ts, Evaluation evaluation) {
    List<Sample> samples =
        vector(Evaluator.evaluate(expr, ts, evaluation.storeFor(this), evaluation.cache()));
    Map<Labels, Active> current = new HashMap<>(samples.size() * 2);
    // Label templates that use no value depend only on the series: compute them once per series.
    Map<Labels, Labels> cache = constantLabels ? new HashMap<>(samples.size() * 2) : null;
    Map<String, String> constant = constantAnnotations ? render(0, Labels.empty()) : null;
    for (Sample s : samples) {
      Labels key = cache == null ? null : labelCache.get(s.labels());
      if (key == null) {
        key = alertLabels(s);
      }
      if (cache != null) {
        cache.put(s.labels(), key);
      }
      if (current.containsKey(key)) {
        throw new IllegalStateException(
            "vector contains metrics with the same labelset after applying alert labels");
      }
      Map<String, String> annotations = constant != null ? constant : render(s.value(), s.labels());
      current.put(key, new Active(key, annotations, s.value(), ts));
    }
    if (cache != null) {
      labelCache = cache;
    }
    for (Active a : current.values()) {
      Active existing = active.get(a.labels);
      if (existing != null && !existing.inactive) {
        existing.value = a.value;
        existing.annotations = a.annotations;
        continue;
      }
      active.put(a.labels, a);
    }
    int activeCount = 0;
    List<Sample> out = new ArrayList<>();
    for (Iterator<Active> it = active.values().iterator(); it.hasNext(); ) {
      Active a = it.next();
      if (!current.containsKey(a.labels)) {
        boolean keepFiring = false;
        if (a.state == AlertState.FIRING && !a.inactive && keepFiringMs > 0) {
          if (a.keepFiringSince < 0) {
            a.keepFiringSince = ts;
          }
          keepFiring = ts - a.keepFiringSince < keepFiringMs;
        }
        if (a.state == AlertState.PENDING && !a.inactive
            || a.resolvedAt >= 0 && ts - a.resolvedAt > RESOLVED_RETENTION_MS) {
          it.remove();
        }
        if (!a.inactive && !keepFiring) {
          a.inactive = true;
          a.resolvedAt = ts;
          if (a.state == AlertState.FIRING) {
            a.state = AlertState.RESOLVED;
            AlertLog.resolved(toAlert(a), ts);
          }
        }
        if (!keepFiring) {
          continue;
        }
      } else {
        a.keepFiringSince = -1;
      }
      activeCount++;
      if (a.state == AlertState.PENDING && ts - a.activeAt >= holdMs) {
        a.state = AlertState.FIRING;
        a.firedAt = ts;
        AlertLog.firing(toAlert(a), ts);
      }
      out.add(new Sample(a.alertsSeries(), 1));
      out.add(new Sample(a.forStateSeries(), a.activeAt / 1000.0));
    }
    int limit = evaluation.limit();
    if (limit > 0 && activeCount > limit) {
      active.clear();
      evaluation.output().clear(this);
      throw new IllegalStateException(
          "exceeded limit of " + limit + " with " + activeCount + " alerts");
    }
    evaluation.output().write(this, ts, out);
  }

  private Labels alertLabels(Sample s) {
    Map<String, String> templateLabels = s.labels().asMap();
    TreeMap<String, String> labels = new TreeMap<>(templateLabels);
    labels.remove(Labels.METRIC_NAME);
    for (Map.Entry<String, Template> l : labelTemplates.entrySet()) {
      String v = l.getValue().render(s.value(), templateLabels);
      if (v.isEmpty()) {
        labels.remove(l.getKey());
      } else {
        labels.put(l.getKey(), v);
      }
    }
    labels.put("alertname", alerting.name());
    return Labels.of(labels);
  }

  private Map<String, String> render(double value, Labels series) {
    if (annotationTemplates.isEmpty()) {
      return Map.of();
    }
    Map<String, String> templateLabels = series.asMap();
    Map<String, String> annotations = new TreeMap<>();
    for (Map.Entry<String, Template> a : annotationTemplates.entrySet()) {
      annotations.put(a.getKey(), a.getValue().render(value, templateLabels));
    }
    return annotations;
  }

  /** Adds the firing alerts and those that resolved at {@code ts} to {@code into}. */
  void notifiable(long ts, List<Alert> into) {
    for (Active a : active.values()) {
      if (a.state == AlertState.FIRING && !a.inactive
          || a.state == AlertState.RESOLVED && a.resolvedAt == ts) {
        into.add(toAlert(a));
      }
    }
  }

  @Override
  List<Alert> alerts() {
    List<Alert> list = new ArrayList<>(active.size());
    for (Active a : active.values()) {
      if (a.state != AlertState.PENDING || !a.inactive) {
        list.add(toAlert(a));
      }
    }
    return list;
  }

  private Alert toAlert(Active a) {
    return new Alert(
        alerting.name(),
        a.labels.asMap(),
        a.annotations,
        a.state,
        a.value,
        Instant.ofEpochMilli(a.activeAt),
        a.firedAt < 0 ? null : Instant.ofEpochMilli(a.firedAt),
        a.state == AlertState.RESOLVED ? Instant.ofEpochMilli(a.resolvedAt) : null);
  }
}
