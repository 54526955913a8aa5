package dev.obs.alerts;

import dev.obs.config.EditDistance;
import dev.obs.promql.PromDuration;
import dev.obs.promql.PromQL;
import dev.obs.promql.PromQLParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns one rule file's YAML into validated {@link RuleGroup}s, failing at the first problem. */
final class RuleFileParser {
  private static final Set<String> TOP_KEYS = Set.of("groups");
  private static final List<String> GROUP_KEYS = List.of("name", "interval", "limit", "rules");
  private static final List<String> RULE_KEYS =
      List.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

  private final String file;
  private final String text;
  private final String[] lines;

  RuleFileParser(String file, String text) {
    this.file = file;
    this.text = text;
    this.lines = text.split("\r?\n", -1);
  }

  List<RuleGroup> parse() {
    YamlNode root;
    try {
      root = YamlNode.parse(text);
    } catch (YamlNode.SyntaxError e) {
      throw new RuleFileException(file, e.line, e.column, e.getMessage());
    }
    if (root.kind == YamlNode.Kind.NULL) {
      return List.of();
    }
    expect(root, YamlNode.Kind.MAP, "the rule file must be a mapping with 'groups'");
    checkKeys(root, TOP_KEYS.stream().toList(), "the rule file");
    YamlNode groups = root.map.get("groups");
    if (groups == null || groups.kind == YamlNode.Kind.NULL) {
      return List.of();
    }
    expect(groups, YamlNode.Kind.LIST, "'groups' must be a list of rule groups");
    List<RuleGroup> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode g : groups.list) {
      RuleGroup group = group(g);
      if (!names.add(group.name())) {
        YamlNode name = g.map.get("name");
        throw error(name, "groupname: \"" + group.name() + "\" is repeated in the same file");
      }
      result.add(group);
    }
    return List.copyOf(result);
  }

  private RuleGroup group(YamlNode g) {
    expect(g, YamlNode.Kind.MAP, "a rule group must be a mapping with 'name' and 'rules'");
    checkKeys(g, GROUP_KEYS, "a rule group");
    YamlNode nameNode = g.map.get("name");
    String name = nameNode == null ? "" : scalar(nameNode, "'name'");
    if (name.isEmpty()) {
      throw error(nameNode == null ? g : nameNode, "Groupname must not be empty");
    }
    Duration interval = null;
    YamlNode intervalNode = g.map.get("interval");
    if (intervalNode != null && intervalNode.kind != YamlNode.Kind.NULL) {
      interval = duration(intervalNode, "interval");
      if (interval.isZero()) {
        throw error(intervalNode, "interval must be positive, got '" + intervalNode.text + "'");
      }
    }
    int limit = 0;
    YamlNode limitNode = g.map.get("limit");
    if (limitNode != null && limitNode.kind != YamlNode.Kind.NULL) {
      String s = scalar(limitNode, "'limit'");
      try {
        limit = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 0) {
        throw error(limitNode, "limit must be a non-negative integer, got '" + s + "'");
      }
    }
    List<Rule> rules = new ArrayList<>();
    YamlNode rulesNode = g.map.get("rules");
    if (rulesNode != null && rulesNode.kind != YamlNode.Kind.NULL) {
      expect(rulesNode, YamlNode.Kind.LIST, "'rules' must be a list of rules");
      for (YamlNode r : rulesNode.list) {
        rules.add(rule(r));
      }
    }
    return new RuleGroup(name, interval, limit, rules);
  }

  private Rule rule(YamlNode r) {
    expect(r, YamlNode.Kind.MAP, "a rule must be a mapping with 'alert' or 'record' and 'expr'");
    checkKeys(r, RULE_KEYS, "a rule");
    YamlNode alert = present(r, "alert");
    YamlNode record = present(r, "record");
    if (alert != null && record != null) {
      throw error(r, "only one of 'record' and 'alert' must be set");
    }
    if (alert == null && record == null) {
      throw error(r, "one of 'record' or 'alert' must be set");
    }
    YamlNode exprNode = present(r, "expr");
    String expr = exprNode == null ? "" : scalar(exprNode, "'expr'");
    if (expr.isBlank()) {
      throw error(exprNode == null ? r : exprNode, "field 'expr' must be set in rule");
    }
    checkExpression(exprNode, expr);
    Map<String, String> labels = stringMap(r, "labels");
    if (record != null) {
      String name = scalar(record, "'record'");
      for (String key : List.of("for", "keep_firing_for", "annotations")) {
        if (present(r, key) != null) {
          throw error(r.keyPositions.get(key), "invalid field '" + key + "' in recording rule");
        }
      }
      if (!RuleNames.isMetricName(name)) {
        throw error(record, "invalid recording rule name: " + name);
      }
      if (labels.containsKey("__name__")) {
        throw error(
            r.map.get("labels").map.get("__name__"), "invalid label name __name__ in record");
      }
      return new RecordingRule(name, expr, labels);
    }
    String name = scalar(alert, "'alert'");
    if (name.isEmpty()) {
      throw error(alert, "one of 'record' or 'alert' must be set");
    }
    Duration forDuration = optionalDuration(r, "for");
    Duration keepFiringFor = optionalDuration(r, "keep_firing_for");
    Map<String, String> annotations = stringMap(r, "annotations");
    checkTemplates(r, "labels", labels);
    checkTemplates(r, "annotations", annotations);
    return new AlertingRule(name, expr, forDuration, keepFiringFor, labels, annotations);
  }

  private void checkExpression(YamlNode node, String expr) {
    try {
      PromQL.parse(expr);
    } catch (PromQLParseException e) {
      int[] at = ScalarPositions.map(lines, node, e.line(), e.column());
      // The position inside the expression is replaced by the position in the file.
      String reason = e.getMessage().replaceFirst(" at \\d+:\\d+$", "");
      if (reason.startsWith("unknown function")) {
        String near = nearest(e.construct());
        if (near != null) {
          reason += " (did you mean '" + near + "'?)";
        }
      }
      throw new RuleFileException(file, at[0], at[1], reason);
    }
  }

  /** The functions of the supported subset, for suggestions. */
  private static final List<String> FUNCTIONS =
      List.of(
          "rate",
          "irate",
          "increase",
          "delta",
          "avg_over_time",
          "min_over_time",
          "max_over_time",
          "sum_over_time",
          "count_over_time",
          "last_over_time",
          "present_over_time",
          "quantile_over_time",
          "stddev_over_time",
          "stdvar_over_time",
          "histogram_quantile",
          "abs",
          "clamp_min",
          "clamp_max",
          "time",
          "vector",
          "scalar");

  /** Returns the supported function closest to a misspelt one, within two edits. */
  static @Nullable String nearest(String name) {
    String best = null;
    int bestDistance = 3;
    for (String f : FUNCTIONS) {
      int d = EditDistance.between(name, f);
      if (d < bestDistance) {
        best = f;
        bestDistance = d;
      }
    }
    return best;
  }

  private void checkTemplates(YamlNode rule, String key, Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      try {
        Template.parse(e.getValue());
      } catch (Template.ParseException ex) {
        YamlNode valueNode = rule.map.get(key).map.get(e.getKey());
        String before = e.getValue().substring(0, Math.min(ex.offset(), e.getValue().length()));
        int valueLine = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int valueColumn = before.length() - before.lastIndexOf('\n');
        int[] at = ScalarPositions.map(lines, valueNode, valueLine, valueColumn);
        throw new RuleFileException(
            file,
            at[0],
            at[1],
            "template error in " + key + " '" + e.getKey() + "': " + ex.getMessage());
      }
    }
  }

  private Duration optionalDuration(YamlNode r, String key) {
    YamlNode node = present(r, key);
    return node == null ? Duration.ZERO : duration(node, key);
  }

  private Duration duration(YamlNode node, String key) {
    String s = scalar(node, "'" + key + "'");
    try {
      return PromDuration.parse(s);
    } catch (IllegalArgumentException e) {
      throw error(
          node,
          "bad duration for '"
              + key
              + "': "
              + e.getMessage()
              + " (use a number and a unit among ms, s, m, h, d, w, y, such as 5m or 1h30m)");
    }
  }

  private Map<String, String> stringMap(YamlNode r, String key) {
    YamlNode node = present(r, key);
    if (node == null) {
      return Map.of();
    }
    expect(node, YamlNode.Kind.MAP, "'" + key + "' must be a mapping of names to strings");
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.map.entrySet()) {
      if (!RuleNames.isLabelName(e.getKey())) {
        String kind = key.equals("labels") ? "label" : "annotation";
        throw error(node.keyPositions.get(e.getKey()), "invalid " + kind + " name: " + e.getKey());
      }
      YamlNode v = e.getValue();
      values.put(e.getKey(), v.kind == YamlNode.Kind.NULL ? "" : scalar(v, "'" + e.getKey() + "'"));
    }
    return values;
  }

  private static @Nullable YamlNode present(YamlNode map, String key) {
    YamlNode node = map.map.get(key);
    return node == null || node.kind == YamlNode.Kind.NULL ? null : node;
  }

  private String scalar(YamlNode node, String what) {
    if (node.kind != YamlNode.Kind.SCALAR) {
      throw error(node, what + " must be a single value, got " + node.describe());
    }
    return node.text;
  }

  private void expect(YamlNode node, YamlNode.Kind kind, String message) {
    if (node.kind != kind) {
      throw error(node, message + ", got " + node.describe());
    }
  }

  private void checkKeys(YamlNode node, List<String> allowed, String what) {
    for (String key : node.map.keySet()) {
      if (!allowed.contains(key)) {
        throw error(
            node.keyPositions.get(key),
            "unknown field '"
                + key
                + "' in "
                + what
                + "; expected one of "
                + String.join(", ", allowed));
      }
    }
  }

  private RuleFileException error(YamlNode node, String message) {
    return new RuleFileException(file, node.line, node.column, message);
  }

  private RuleFileException error(int[] position, String message) {
    return new RuleFileException(file, position[0], position[1], message);
  }
}
