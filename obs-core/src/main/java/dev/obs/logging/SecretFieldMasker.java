package dev.obs.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.logstash.logback.mask.FieldMasker;
import net.logstash.logback.mask.MaskingJsonGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Masks the value of any field, at any depth (MDC, key-value pairs, structured arguments and the
 * objects inside them), whose normalised name ends with a normalised secret name.
 */
final class SecretFieldMasker implements FieldMasker {
  /** Decisions are cached per field name, up to this many names (field names are few). */
  private static final int CACHE_LIMIT = 4096;

  private final List<String> suffixes;
  private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();

  SecretFieldMasker(List<String> names) {
    this.suffixes = names.stream().map(SecretFieldMasker::normalise).distinct().toList();
  }

  static String normalise(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && c != '-' && c != '.') {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  boolean isSecret(String fieldName) {
    Boolean cached = decisions.get(fieldName);
    if (cached != null) {
      return cached;
    }
    String normalised = normalise(fieldName);
    boolean secret = false;
    for (String suffix : suffixes) {
      if (normalised.endsWith(suffix)) {
        secret = true;
        break;
      }
    }
    if (decisions.size() < CACHE_LIMIT) {
      decisions.put(fieldName, secret);
    }
    return secret;
  }

  @Override
  public @Nullable Object mask(JsonStreamContext context) {
    String name = context.getCurrentName();
    return name != null && isSecret(name) ? MaskingJsonGenerator.MASK : null;
  }
}
