package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.config.ConfigKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code obs.*} key README.md or a page of docs/ names is one a module reads: the registry of
 * known keys ({@code META-INF/obs/config-keys} of obs-core, obs-servlet, obs-alerts, obs-backup and
 * this module) must know it, so a documented key cannot be a typo, and a key cannot be removed
 * while the docs still name it.
 */
class DocumentedKeysTest {
  private static final Path ROOT = Path.of("..");
  // Not preceded by a letter or dot, so dev.obs.* packages are left out; taken whole.
  private static final Pattern KEY = Pattern.compile("(?<![\\w.])obs\\.[a-z0-9][a-zA-Z0-9._<>-]*+");
  private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]*>");
  // Names in the obs.* namespace that are not configuration keys: meters, loggers, a file.
  private static final Set<String> NOT_KEYS =
      Set.of(
          "obs.properties",
          // the misspelling getting-started.md shows in the warning about unknown keys
          "obs.http.uri.cpa",
          "obs.access",
          "obs.audit",
          "obs.http.server.errors",
          "obs.http.client.aborts",
          "obs.internal.failures",
          "obs.errors.reported",
          "obs.errors.dropped",
          "obs.logging.dropped",
          "obs.health.status",
          "obs.health.check.duration",
          "obs.alerts.notifications",
          "obs.admin.requests",
          "obs.backup.runs",
          "obs.backup.size",
          "obs.backup.duration",
          "obs.backup.drills",
          "obs.backup.last_success_timestamp",
          "obs.backup.last_failure_timestamp");

  @Test
  void everyKeyTheDocsNameIsKnown() throws IOException {
    ConfigKeys keys = ConfigKeys.load(DocumentedKeysTest.class.getClassLoader());
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = KEY.matcher(lines.get(i));
        while (m.find()) {
          String key = trim(m.group());
          int after = m.end();
          char next = after < lines.get(i).length() ? lines.get(i).charAt(after) : ' ';
          // A method call, a meter with tags, a family (obs.http.*), a class, or a two-part name
          // such as obs.record that is not a key (the only two-part keys are known ones).
          if (next == '('
              || next == '{'
              || next == '*'
              || !key.equals(key.toLowerCase(java.util.Locale.ROOT))
              || NOT_KEYS.contains(key)
              || isPrefixOfAKnownKey(keys, key)
              || (key.chars().filter(c -> c == '.').count() < 2 && !keys.isKnown(key))) {
            continue;
          }
          checked++;
          if (!keys.isKnown(PLACEHOLDER.matcher(key).replaceAll("name"))) {
            unknown.add(
                ROOT.relativize(page)
                    + ":"
                    + (i + 1)
                    + ": "
                    + key
                    + " ("
                    + keys.message(key)
                    + ")");
          }
        }
      }
    }
    assertThat(checked).as("keys found in the docs").isGreaterThan(100);
    assertThat(unknown).as("keys the docs name that no META-INF/obs/config-keys lists").isEmpty();
  }

  /** Drops the sentence's full stop and the closing bracket of {@code <obs.admin.token>}. */
  private static String trim(String text) {
    String t = text;
    while (t.endsWith(".") || t.endsWith("-") || (t.endsWith(">") && t.indexOf('<') < 0)) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** {@code obs.alerts.notify} names a family of keys, not a key. */
  private static boolean isPrefixOfAKnownKey(ConfigKeys keys, String text) {
    String prefix = text + ".";
    return keys.keys().stream().anyMatch(k -> k.startsWith(prefix));
  }
}
