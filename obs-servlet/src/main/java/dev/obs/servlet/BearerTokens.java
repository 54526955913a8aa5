package dev.obs.servlet;

import dev.obs.config.ObsConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The static bearer tokens: {@code obs.admin.token} (named {@code admin}) and any number of named
 * ones, {@code obs.admin.tokens.<name>.token} with {@code obs.admin.tokens.<name>.access}, so a
 * token can be rotated by adding the new one before removing the old.
 */
final class BearerTokens {
  static final String TOKEN_KEY = "obs.admin.token";
  static final String PREFIX = "obs.admin.tokens.";

  private final List<Entry> entries;

  private BearerTokens(List<Entry> entries) {
    this.entries = entries;
  }

  static BearerTokens none() {
    return new BearerTokens(List.of());
  }

  static BearerTokens fromConfig(ObsConfig config) {
    List<Entry> out = new ArrayList<>();
    config
        .get(TOKEN_KEY)
        .filter(t -> !t.isEmpty())
        .ifPresent(t -> out.add(entry("admin", t, AdminGuard.Access.WRITE)));
    Map<String, String> tokens = new TreeMap<>();
    for (Map.Entry<String, String> e : config.asMap().entrySet()) {
      String key = e.getKey();
      if (key.startsWith(PREFIX) && key.endsWith(".token")) {
        tokens.put(key.substring(PREFIX.length(), key.length() - ".token".length()), e.getValue());
      }
    }
    tokens.forEach(
        (name, token) -> {
          if (token.length() < 16) {
            throw ObsConfig.invalid(
                PREFIX + name + ".token",
                "(" + token.length() + " characters)",
                "must be at least 16 characters long; generate one with openssl rand -hex 32");
          }
          String accessKey = PREFIX + name + ".access";
          out.add(entry(name, token, AdminGuard.Access.parse(config, accessKey)));
        });
    return new BearerTokens(List.copyOf(out));
  }

  BearerTokens with(String name, @Nullable String token, AdminGuard.Access access) {
    if (token == null || token.isEmpty()) {
      return this;
    }
    List<Entry> out = new ArrayList<>(entries);
    out.add(entry(name, token, access));
    return new BearerTokens(List.copyOf(out));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  List<String> names() {
    return entries.stream().map(e -> e.principal().name()).toList();
  }

  /**
   * The principal of the token presented, or null. Every configured token is compared, each in
   * constant time, so the time taken does not tell which one (if any) was close.
   */
  @Nullable AdminPrincipal match(String presented) {
    byte[] digest = sha256(presented.getBytes(StandardCharsets.UTF_8));
    AdminPrincipal found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
        found = e.principal();
      }
    }
    return found;
  }

  private static Entry entry(String name, String token, AdminGuard.Access access) {
    return new Entry(
        sha256(token.getBytes(StandardCharsets.UTF_8)), new AdminPrincipal(name, "bearer", access));
  }

  // Digests rather than the tokens: comparing digests takes the same time whatever the length of
  // what a caller sends, so timing reveals neither a token nor its length.
  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private record Entry(byte[] digest, AdminPrincipal principal) {}
}
