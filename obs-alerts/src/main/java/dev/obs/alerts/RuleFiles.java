package dev.obs.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.obs.promql.PromDuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes Prometheus rule files. Loading validates everything Prometheus validates and
 * more (the PromQL subset, templates, durations, unknown keys) and reports the first problem as a
 * {@link RuleFileException} with the file, line and column; what loads here also passes {@code
 * promtool check rules}.
 *
 * <pre>{@code
 * List<RuleGroup> groups = RuleFiles.load(Path.of("rules.yml"));
 * Files.writeString(Path.of("exported.yml"), RuleFiles.toYaml(groups));
 * }</pre>
 */
public final class RuleFiles {
  private static final ObjectMapper WRITER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private RuleFiles() {}

  /**
   * Loads a rule file.
   *
   * @param file the file
   * @return its groups, in file order
   * @throws RuleFileException naming file, line and column when the file is invalid
   * @throws UncheckedIOException when it cannot be read
   */
  public static List<RuleGroup> load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + file, e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Loads a rule file from the class path.
   *
   * @param loader the class loader
   * @param resource the resource name, such as {@code dev/obs/alerts/builtin-rules.yml}
   * @return its groups, in file order
   * @throws RuleFileException naming resource, line and column when it is invalid
   * @throws UncheckedIOException when it is missing or cannot be read
   */
  public static List<RuleGroup> loadResource(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("rule file resource not found on the class path: " + resource));
      }
      return parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file resource " + resource, e);
    }
  }

  /**
   * Parses rule file text.
   *
   * @param name the name to report in errors, usually the file path
   * @param text the YAML text
   * @return its groups, in file order
   * @throws RuleFileException naming {@code name}, line and column when the text is invalid
   */
  public static List<RuleGroup> parse(String name, String text) {
    return new RuleFileParser(name, text).parse();
  }

  /**
   * Writes groups as a Prometheus rule file that {@link #parse} and {@code promtool check rules}
   * both accept.
   *
   * @param groups the groups
   * @return the YAML text
   */
  public static String toYaml(List<RuleGroup> groups) {
    List<Object> out = new ArrayList<>();
    for (RuleGroup g : groups) {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", g.name());
      if (g.interval() != null) {
        group.put("interval", PromDuration.format(g.interval()));
      }
      if (g.limit() > 0) {
        group.put("limit", g.limit());
      }
      List<Object> rules = new ArrayList<>();
      for (Rule r : g.rules()) {
        Map<String, Object> rule = new LinkedHashMap<>();
        if (r instanceof AlertingRule a) {
          rule.put("alert", a.name());
          rule.put("expr", a.expr());
          if (!a.forDuration().isZero()) {
            rule.put("for", PromDuration.format(a.forDuration()));
          }
          if (!a.keepFiringFor().isZero()) {
            rule.put("keep_firing_for", PromDuration.format(a.keepFiringFor()));
          }
          putIfAny(rule, "labels", a.labels());
          putIfAny(rule, "annotations", a.annotations());
        } else {
          rule.put("record", r.name());
          rule.put("expr", r.expr());
          putIfAny(rule, "labels", r.labels());
        }
        rules.add(rule);
      }
      group.put("rules", rules);
      out.add(group);
    }
    try {
      return WRITER.writeValueAsString(Map.of("groups", out));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write rule file", e);
    }
  }

  /**
   * Writes groups to a rule file, replacing it.
   *
   * @param file the file
   * @param groups the groups
   * @throws UncheckedIOException when it cannot be written
   */
  public static void write(Path file, List<RuleGroup> groups) {
    try {
      Files.writeString(file, toYaml(groups), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rule file " + file, e);
    }
  }

  private static void putIfAny(Map<String, Object> rule, String key, Map<String, String> values) {
    if (!values.isEmpty()) {
      rule.put(key, values);
    }
  }
}
