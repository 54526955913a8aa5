package dev.obs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code obs.*} configuration keys, read from system properties, the environment and a
 * properties file, with typed accessors that fail with an {@link ObsConfigException} naming the key
 * and what it accepts.
 *
 * <p>Precedence, highest first: system properties, environment variables ({@code OBS_HTTP_URI_CAP}
 * for {@code obs.http.uri-cap}), the file named by {@code obs.config.file}, then {@code
 * obs.properties} on the classpath. Values are snapshotted when the config is created.
 *
 * <pre>{@code
 * ObsConfig config = ObsConfig.of(Map.of("obs.http.uri-cap", "200"));
 * int cap = config.positiveInt("obs.http.uri-cap", 500); // 200
 * }</pre>
 */
public final class ObsConfig {
  /** The keys that name HTTP headers, checked by {@link #headerName} when {@code Obs} is built. */
  public static final List<String> HEADER_NAME_KEYS =
      List.of("obs.http.request-id-header", "obs.logging.user-header", "obs.logging.org-header");

  private static final Pattern HEADER_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> values;

  private ObsConfig(Map<String, String> values) {
    this.values = Map.copyOf(normalise(values));
  }

  /**
   * Returns an empty configuration: every accessor returns its default.
   *
   * @return the empty configuration
   */
  public static ObsConfig empty() {
    return new ObsConfig(Map.of());
  }

  /**
   * Returns a configuration holding exactly the given {@code obs.*} keys and values.
   *
   * @param values keys such as {@code obs.http.uri-cap} mapped to their text values
   * @return the configuration
   */
  public static ObsConfig of(Map<String, String> values) {
    return new ObsConfig(values);
  }

  /**
   * Reads the configuration of this process: system properties, environment, the file named by
   * {@code obs.config.file}, and {@code obs.properties} on the classpath.
   *
   * @return the merged configuration
   * @throws ObsConfigException if {@code obs.config.file} names a file that cannot be read
   */
  public static ObsConfig fromEnvironment() {
    return fromSources(System.getProperties(), System.getenv(), Thread.currentThread());
  }

  static ObsConfig fromSources(Properties system, Map<String, String> env, Thread thread) {
    Map<String, String> merged = new LinkedHashMap<>();
    ClassLoader loader = thread.getContextClassLoader();
    if (loader != null) {
      try (InputStream in = loader.getResourceAsStream("obs.properties")) {
        if (in != null) {
          putObsKeys(merged, load(in));
        }
      } catch (IOException e) {
        throw new ObsConfigException(
            "obs.properties", "obs.properties on the classpath could not be read: " + e);
      }
    }
    String file = system.getProperty("obs.config.file", env.get("OBS_CONFIG_FILE"));
    if (file != null && !file.isBlank()) {
      try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        Properties props = new Properties();
        props.load(in);
        putObsKeys(merged, props);
      } catch (IOException e) {
        throw new ObsConfigException(
            "obs.config.file",
            "obs.config.file must name a readable properties file, got '" + file + "' (" + e + ")");
      }
    }
    env.forEach(
        (name, value) -> {
          if (name.startsWith("OBS_")) {
            merged.put(relaxed(name), value);
          }
        });
    putObsKeys(merged, system);
    return new ObsConfig(merged);
  }

  private static Properties load(InputStream in) throws IOException {
    Properties props = new Properties();
    props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    return props;
  }

  private static void putObsKeys(Map<String, String> target, Properties props) {
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith("obs.")) {
        target.put(relaxed(name), props.getProperty(name));
      }
    }
  }

  // Environment names lose the difference between '.' and '-', so keys are compared in a
  // relaxed form: lower case with '-' and '_' read as '.'.
  private static Map<String, String> normalise(Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(relaxed(k), v.trim()));
    return out;
  }

  private static String relaxed(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }

  /**
   * Returns the raw text of a key, if set.
   *
   * @param key a key such as {@code obs.metrics.token}
   * @return the value, or empty when the key is not set
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(relaxed(key)));
  }

  /**
   * Returns the text of a key, or a default.
   *
   * @param key the key
   * @param defaultValue returned when the key is not set
   * @return the value or the default
   */
  public String string(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /**
   * Returns a boolean key; accepts {@code true} or {@code false} in any case.
   *
   * @param key the key
   * @param defaultValue returned when the key is not set
   * @return the value or the default
   * @throws ObsConfigException if the value is neither {@code true} nor {@code false}
   */
  public boolean bool(String key, boolean defaultValue) {
    @Nullable String v = values.get(relaxed(key));
    if (v == null || v.isEmpty()) {
      return defaultValue;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw invalid(key, v, "must be true or false");
  }

  /**
   * Returns a positive integer key.
   *
   * @param key the key
   * @param defaultValue returned when the key is not set
   * @return the value or the default
   * @throws ObsConfigException if the value is not a positive integer
   */
  public int positiveInt(String key, int defaultValue) {
    @Nullable String v = values.get(relaxed(key));
    if (v == null || v.isEmpty()) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, v, "must be a positive integer like " + defaultValue);
  }

  /**
   * Returns a positive duration key, written like {@code 250ms}, {@code 2s}, {@code 5m}, {@code
   * 1h}, {@code 1d} or in ISO-8601 ({@code PT2S}).
   *
   * @param key the key
   * @param defaultValue returned when the key is not set
   * @return the value or the default
   * @throws ObsConfigException if the value is not a positive duration
   */
  public Duration duration(String key, Duration defaultValue) {
    @Nullable String v = values.get(relaxed(key));
    if (v == null || v.isEmpty()) {
      return defaultValue;
    }
    @Nullable Duration d = parseDuration(v);
    if (d == null || d.isNegative() || d.isZero()) {
      throw invalid(key, v, "must be a positive duration like 250ms, 2s or 5m");
    }
    return d;
  }

  /**
   * Returns a key that names an HTTP header, which must be an HTTP token (RFC 9110: letters, digits
   * and {@code !#$%&'*+-.^_`|~}).
   *
   * @param key the key, such as {@code obs.http.request-id-header}
   * @param defaultValue returned when the key is not set
   * @return the header name
   * @throws ObsConfigException if the value is not a header name
   */
  public String headerName(String key, String defaultValue) {
    @Nullable String v = values.get(relaxed(key));
    if (v == null || v.isEmpty()) {
      return defaultValue;
    }
    if (!HEADER_TOKEN.matcher(v).matches()) {
      throw invalid(
          key,
          v,
          "must be an HTTP header name of letters, digits and !#$%&'*+-.^_`|~ like X-Request-ID");
    }
    return v;
  }

  /**
   * Returns a duration key that may be zero, written like {@code 0s}, {@code 250ms} or {@code 5s}.
   *
   * @param key the key
   * @param defaultValue returned when the key is not set
   * @return the value or the default
   * @throws ObsConfigException if the value is not a duration or is negative
   */
  public Duration nonNegativeDuration(String key, Duration defaultValue) {
    @Nullable String v = values.get(relaxed(key));
    if (v == null || v.isEmpty()) {
      return defaultValue;
    }
    @Nullable Duration d = parseDuration(v);
    if (d == null || d.isNegative()) {
      throw invalid(key, v, "must be zero or a positive duration like 0s, 500ms or 5s");
    }
    return d;
  }

  /**
   * Returns a comma-separated list key, with blank items removed.
   *
   * @param key the key
   * @return the items, empty when the key is not set
   */
  public List<String> list(String key) {
    @Nullable String v = values.get(relaxed(key));
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String item : v.split(",")) {
        if (!item.isBlank()) {
          out.add(item.trim());
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the set keys and their values, for diagnostics; keys are in relaxed lower-case form.
   *
   * @return an unmodifiable map of keys to values
   */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * Builds the exception for a rejected value of a key.
   *
   * @param key the key
   * @param value the rejected value
   * @param rule what the key accepts, such as {@code "must be true or false"}
   * @return the exception to throw
   */
  public static ObsConfigException invalid(String key, String value, String rule) {
    return new ObsConfigException(key, key + " " + rule + ", got '" + value + "'");
  }

  /**
   * Parses a duration written like {@code 250ms}, {@code 2s}, {@code 1.5m} or {@code PT2S}.
   *
   * @param text the text
   * @return the duration, or {@code null} when the text is not a duration
   */
  public static @Nullable Duration parseDuration(String text) {
    String t = text.trim();
    if (t.regionMatches(true, 0, "PT", 0, 2) || t.regionMatches(true, 0, "P", 0, 1)) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      return null;
    }
    double amount = Double.parseDouble(m.group(1));
    double nanosPerUnit =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "ns" -> 1;
          case "us" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          case "h" -> 3600e9;
          default -> 86400e9;
        };
    return Duration.ofNanos(Math.round(amount * nanosPerUnit));
  }
}
