package dev.obs.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code obs.*} keys obs knows, contributed by each module on the class path in a resource
 * {@value #RESOURCE}: one key a line, {@code #} for comments, {@code *} for a name the user chooses
 * (as in {@code obs.alerts.notify.receiver.*.url}). A key that none of them knows is most likely a
 * typo, so it is reported with the nearest known key.
 *
 * <pre>{@code
 * ConfigKeys keys = ConfigKeys.load(getClass().getClassLoader());
 * keys.nearest("obs.http.uri-cpa"); // Optional[obs.http.uri-cap]
 * }</pre>
 */
public final class ConfigKeys {
  /** Where each module lists its keys. */
  public static final String RESOURCE = "META-INF/obs/config-keys";

  private static final Logger log = LoggerFactory.getLogger(ConfigKeys.class);

  private final List<String> keys;
  private final Set<String> exact = new LinkedHashSet<>();
  private final List<Pattern> patterns = new ArrayList<>();

  private ConfigKeys(List<String> keys) {
    this.keys = List.copyOf(keys);
    for (String key : keys) {
      String relaxed = relaxed(key);
      if (key.indexOf('*') < 0) {
        exact.add(relaxed);
      } else {
        StringBuilder regex = new StringBuilder();
        for (String part : relaxed.split("\\*", -1)) {
          if (regex.length() > 0) {
            // A name may hold dashes or dots, which the relaxed form turns into dots.
            regex.append("[a-z0-9.]+");
          }
          regex.append(Pattern.quote(part));
        }
        patterns.add(Pattern.compile(regex.toString()));
      }
    }
  }

  /**
   * Reads every {@value #RESOURCE} the class loader sees.
   *
   * @param loader the class loader of the application
   * @return the known keys
   * @throws UncheckedIOException if a resource cannot be read
   */
  public static ConfigKeys load(ClassLoader loader) {
    List<String> keys = new ArrayList<>();
    try {
      Enumeration<URL> resources = loader.getResources(RESOURCE);
      for (URL url : Collections.list(resources)) {
        try (BufferedReader in =
            new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          in.lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .forEach(keys::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE + ": " + e.getMessage(), e);
    }
    return new ConfigKeys(keys);
  }

  /**
   * Returns the given keys as a registry, for tests and for modules that add keys in code.
   *
   * @param keys keys and patterns, as in the resource
   * @return the registry
   */
  public static ConfigKeys of(List<String> keys) {
    return new ConfigKeys(keys);
  }

  /**
   * Returns the keys and patterns, in the order they were read.
   *
   * @return the keys
   */
  public List<String> keys() {
    return keys;
  }

  /**
   * Tells whether a key is known, comparing the way {@link ObsConfig} does: case, dashes, dots and
   * underscores are not told apart.
   *
   * @param key a key such as {@code obs.http.uri-cap}
   * @return true when known
   */
  public boolean isKnown(String key) {
    String relaxed = relaxed(key);
    if (exact.contains(relaxed)) {
      return true;
    }
    for (Pattern p : patterns) {
      if (p.matcher(relaxed).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the known key closest to a key, by edit distance, if one is close enough to be a likely
   * intent (at most a third of the key's length away).
   *
   * @param key an unknown key
   * @return the nearest known key as written in its resource
   */
  public Optional<String> nearest(String key) {
    String relaxed = relaxed(key);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : keys) {
      int d = EditDistance.between(relaxed, relaxed(known));
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best != null && bestDistance <= Math.max(2, relaxed.length() / 3)
        ? Optional.of(best)
        : Optional.empty();
  }

  /**
   * Returns the keys of a configuration that no module knows.
   *
   * @param config the configuration
   * @return the unknown keys, in the configuration's order
   */
  public List<String> unknown(ObsConfig config) {
    List<String> out = new ArrayList<>();
    for (String key : config.asMap().keySet()) {
      if (key.startsWith("obs.") && !isKnown(key)) {
        out.add(key);
      }
    }
    return out;
  }

  /**
   * Logs one WARN line for each key of the configuration that no module knows, naming the nearest
   * known key.
   *
   * @param config the configuration
   * @return the unknown keys
   */
  public List<String> warnUnknown(ObsConfig config) {
    List<String> unknown = unknown(config);
    for (String key : unknown) {
      log.warn("obs config: {}", message(key));
    }
    return unknown;
  }

  /**
   * Returns the message for an unknown key.
   *
   * @param key the unknown key
   * @return the message, such as {@code unknown key obs.http.uri.cpa is ignored (did you mean
   *     obs.http.uri-cap?)}
   */
  public String message(String key) {
    return nearest(key)
        .map(k -> "unknown key " + key + " is ignored (did you mean " + k + "?)")
        .orElse("unknown key " + key + " is ignored; no obs module reads it");
  }

  private static String relaxed(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }
}
