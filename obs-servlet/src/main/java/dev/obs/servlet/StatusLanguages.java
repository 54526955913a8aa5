package dev.obs.servlet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The languages of the status page and the choice among them: {@code ?lang=} first, then the {@code
 * Accept-Language} header, then English. Texts come from the {@code
 * dev/obs/servlet/status*.properties} bundles.
 */
final class StatusLanguages {
  static final String BUNDLE = "dev.obs.servlet.status";

  /** The supported language tags and the name of each in its own language, in menu order. */
  static final Map<String, String> NAMES = names();

  private static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("en", "English");
    names.put("es", "Español");
    names.put("pt", "Português");
    names.put("zh-CN", "简体中文");
    names.put("zh-TW", "繁體中文");
    names.put("ko", "한국어");
    return Collections.unmodifiableMap(names);
  }

  private static final List<Locale> LOCALES =
      NAMES.keySet().stream().map(Locale::forLanguageTag).toList();
  private static final Map<String, ResourceBundle> bundles = new ConcurrentHashMap<>();

  private StatusLanguages() {}

  /** The supported tag for a request: {@code lang} if supported, else the best header match. */
  static String choose(@Nullable String lang, @Nullable String acceptLanguage) {
    if (lang != null) {
      String tag = supported(lang);
      if (tag != null) {
        return tag;
      }
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank()) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
          String tag = supported(range.getRange());
          if (tag != null && range.getWeight() > 0) {
            return tag;
          }
        }
      } catch (IllegalArgumentException e) {
        // A malformed header counts as no preference.
      }
    }
    return "en";
  }

  /** Maps a requested tag onto a supported one: zh-Hant and zh-HK read Traditional Chinese. */
  static @Nullable String supported(String requested) {
    String r = requested.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    if (r.equals("zh-tw")
        || r.equals("zh-hant")
        || r.startsWith("zh-hant-")
        || r.equals("zh-hk")
        || r.equals("zh-mo")) {
      return "zh-TW";
    }
    if (r.equals("zh") || r.startsWith("zh-")) {
      return "zh-CN";
    }
    for (Locale l : LOCALES) {
      if (r.equals(l.getLanguage()) || r.startsWith(l.getLanguage() + "-")) {
        return l.toLanguageTag();
      }
    }
    return null;
  }

  static ResourceBundle bundle(String tag) {
    return bundles.computeIfAbsent(
        tag,
        t -> {
          try {
            // No fallback to the JVM's default locale: English is the base bundle.
            return ResourceBundle.getBundle(
                BUNDLE,
                Locale.forLanguageTag(t),
                StatusLanguages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(
                    ResourceBundle.Control.FORMAT_PROPERTIES));
          } catch (MissingResourceException e) {
            throw new IllegalStateException("the status page bundle for " + t + " is missing", e);
          }
        });
  }
}
