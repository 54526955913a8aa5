package dev.obs.spring;

import dev.obs.config.ObsConfig;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Reads the {@code obs.*} keys of a Spring {@code Environment} into an {@link ObsConfig}, so that
 * obs-core parses and validates them exactly as it does for a plain application.
 *
 * <p>Keys come from every enumerable property source ({@code application.properties}, YAML, system
 * properties, {@code OBS_*} environment variables, test properties), the source with the highest
 * precedence winning per key as in Spring. YAML lists ({@code obs.http.exclude[0]}) become the
 * comma-separated lists obs-core reads. {@code obs.properties} on the classpath and {@code
 * obs.config.file} still fill the keys Spring does not set.
 */
final class EnvironmentConfig {
  /** The key that lists alert rule files. */
  static final String RULE_FILES = "obs.alerts.rule-files";

  /** The key that chooses who records {@code http.server.requests}. */
  static final String REQUEST_METRICS = "obs.spring.request-metrics";

  private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)]$");

  private EnvironmentConfig() {}

  /**
   * Builds the configuration: obs's own sources first, then the Spring environment over them.
   *
   * @param environment the application's environment
   * @return the configuration
   * @throws dev.obs.config.ObsConfigException if {@code obs.spring.request-metrics} is invalid
   */
  static ObsConfig from(ConfigurableEnvironment environment) {
    Map<String, String> values = new LinkedHashMap<>(ObsConfig.fromEnvironment().asMap());
    values.putAll(springValues(environment));
    String ruleFiles = values.get(relaxed(RULE_FILES));
    if (ruleFiles != null) {
      values.put(relaxed(RULE_FILES), ruleFiles(ruleFiles));
    }
    String owner = values.getOrDefault(relaxed(REQUEST_METRICS), "obs").trim();
    if (owner.equalsIgnoreCase("spring")) {
      // Spring's observation filter records http.server.requests; obs keeps ids, logs, spans and
      // error reports but records no second timer under the same name.
      values.put("obs.http.enabled", "false");
    } else if (!owner.equalsIgnoreCase("obs") && !owner.isEmpty()) {
      throw ObsConfig.invalid(REQUEST_METRICS, owner, "must be obs or spring");
    }
    return ObsConfig.of(values);
  }

  /**
   * Rewrites Spring's {@code file:} resource locations in a rule file list as the plain paths
   * obs-core reads ({@code file:rules.yml}, {@code file:///etc/app/rules.yml}); {@code classpath:}
   * items and plain paths pass unchanged.
   */
  static String ruleFiles(String list) {
    List<String> out = new ArrayList<>();
    for (String item : list.split(",")) {
      String file = item.trim();
      if (file.regionMatches(true, 0, "file://", 0, 7)) {
        try {
          file = Path.of(URI.create(file)).toString();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
          throw ObsConfig.invalid(
              RULE_FILES, file, "must list paths, file: URLs or classpath: resources");
        }
      } else if (file.regionMatches(true, 0, "file:", 0, 5)) {
        file = file.substring(5);
      }
      if (!file.isEmpty()) {
        out.add(file);
      }
    }
    return String.join(",", out);
  }

  /** The {@code obs.*} keys of the environment in relaxed form, each with its winning value. */
  static Map<String, String> springValues(ConfigurableEnvironment environment) {
    Map<String, String> values = new HashMap<>();
    Map<String, TreeMap<Integer, String>> lists = new HashMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      // Sources come highest precedence first: a key already seen keeps its value.
      Map<String, String> fromSource = new HashMap<>();
      Map<String, TreeMap<Integer, String>> listsFromSource = new HashMap<>();
      for (String name : enumerable.getPropertyNames()) {
        if (!name.regionMatches(true, 0, "obs.", 0, 4)
            && !name.regionMatches(true, 0, "OBS_", 0, 4)) {
          continue;
        }
        Object raw = enumerable.getProperty(name);
        if (raw == null) {
          continue;
        }
        String value = environment.resolvePlaceholders(raw.toString());
        Matcher indexed = INDEXED.matcher(name);
        if (indexed.matches()) {
          listsFromSource
              .computeIfAbsent(relaxed(indexed.group(1)), k -> new TreeMap<>())
              .put(Integer.parseInt(indexed.group(2)), value);
        } else {
          fromSource.put(relaxed(name), value);
        }
      }
      fromSource.forEach(
          (key, value) -> {
            if (!values.containsKey(key) && !lists.containsKey(key)) {
              values.put(key, value);
            }
          });
      listsFromSource.forEach(
          (key, items) -> {
            if (!values.containsKey(key) && !lists.containsKey(key)) {
              lists.put(key, items);
            }
          });
    }
    lists.forEach((key, items) -> values.put(key, String.join(",", items.values())));
    return values;
  }

  /** The form obs-core compares keys in: lower case, with '-' and '_' read as '.'. */
  static String relaxed(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }

  /**
   * Returns the value the environment gives a key, or {@code null}; used to show the rejected value
   * when the key is spelled as obs-core reports it.
   */
  static @Nullable String valueOf(ConfigurableEnvironment environment, String key) {
    String value = springValues(environment).get(relaxed(key));
    return value != null ? value : ObsConfig.fromEnvironment().get(key).orElse(null);
  }
}
