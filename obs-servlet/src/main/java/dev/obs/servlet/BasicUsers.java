package dev.obs.servlet;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.obs.config.ObsConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Basic users whose password hashes are in configuration: {@code
 * obs.admin.users.<name>.password-hash} (bcrypt {@code $2a$}/{@code $2b$}/{@code $2y$}, or {@code
 * $pbkdf2-sha256$<iterations>$<salt>$<hash>} in base64) and {@code obs.admin.users.<name>.access}.
 * A verified user and password are remembered for {@code obs.admin.users-cache-ttl} (default 60
 * seconds), as Prometheus's own web configuration does, so the slow hash does not run on every
 * scrape; wrong passwords are never remembered.
 */
final class BasicUsers {
  static final String PREFIX = "obs.admin.users.";
  static final String CACHE_TTL_KEY = "obs.admin.users-cache-ttl";
  static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
  private static final String HASH_SUFFIX = ".password.hash";
  private static final int MAX_CACHED = 1024;

  private final Map<String, User> users;
  private final Clock clock;
  private final long ttlMillis;
  private final byte[] cacheSalt = new byte[16];
  private final ConcurrentHashMap<String, Long> verified = new ConcurrentHashMap<>();
  private final AtomicLong hashes = new AtomicLong();
  // Compared against when the user is unknown, so an unknown name costs as much as a known one.
  private final String decoy;

  private BasicUsers(Map<String, User> users, Clock clock, Duration ttl) {
    this.users = users;
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
    SecureRandom random = new SecureRandom();
    random.nextBytes(cacheSalt);
    this.decoy =
        users.isEmpty()
            ? ""
            : BCrypt.withDefaults()
                .hashToString(10, Long.toHexString(random.nextLong()).toCharArray());
  }

  static BasicUsers none(Clock clock) {
    return new BasicUsers(Map.of(), clock, Duration.ZERO);
  }

  static BasicUsers fromConfig(ObsConfig config, Clock clock) {
    Map<String, User> out = new TreeMap<>();
    for (Map.Entry<String, String> e : config.asMap().entrySet()) {
      String key = e.getKey();
      if (key.startsWith(PREFIX) && key.endsWith(HASH_SUFFIX)) {
        String name = key.substring(PREFIX.length(), key.length() - HASH_SUFFIX.length());
        String hash = e.getValue().trim();
        if (!isBcrypt(hash) && !isPbkdf2(hash)) {
          throw ObsConfig.invalid(
              PREFIX + name + ".password-hash",
              hash.length() > 7 ? hash.substring(0, 7) + "…" : hash,
              "must be a bcrypt hash ($2y$…, from htpasswd -nbB) or"
                  + " $pbkdf2-sha256$<iterations>$<salt>$<hash>; plain-text passwords are not"
                  + " accepted");
        }
        AdminGuard.Access access = AdminGuard.Access.parse(config, PREFIX + name + ".access");
        out.put(name, new User(hash, new AdminPrincipal(name, "basic", access)));
      }
    }
    Duration ttl = config.nonNegativeDuration(CACHE_TTL_KEY, DEFAULT_CACHE_TTL);
    return new BasicUsers(Map.copyOf(out), clock, ttl);
  }

  boolean isEmpty() {
    return users.isEmpty();
  }

  java.util.Set<String> names() {
    return users.keySet();
  }

  /** The user whose name and password these are, or null. */
  @Nullable AdminPrincipal verify(String name, String password) {
    // Configuration keys are case-insensitive, so user names are too.
    User user = users.get(name.toLowerCase(Locale.ROOT));
    if (user == null) {
      if (!decoy.isEmpty()) {
        check(decoy, password);
      }
      return null;
    }
    String key = null;
    long now = clock.millis();
    if (ttlMillis > 0) {
      key = cacheKey(name, password);
      Long until = verified.get(key);
      if (until != null && until > now) {
        return user.principal();
      }
    }
    if (!check(user.hash(), password)) {
      return null;
    }
    if (key != null) {
      if (verified.size() >= MAX_CACHED) {
        verified.values().removeIf(until -> until <= now);
        if (verified.size() >= MAX_CACHED) {
          verified.clear();
        }
      }
      verified.put(key, now + ttlMillis);
    }
    return user.principal();
  }

  /** A salted digest, so the cache never holds a password nor a hash an attacker could reuse. */
  private String cacheKey(String name, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(cacheSalt);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** How many times a password was hashed, for tests of the cache. */
  long hashesRun() {
    return hashes.get();
  }

  private boolean check(String hash, String password) {
    hashes.incrementAndGet();
    if (isBcrypt(hash)) {
      return BCrypt.verifyer()
          .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
          .verified;
    }
    return pbkdf2(hash, password);
  }

  private static boolean isBcrypt(String hash) {
    return hash.length() == 60
        && (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$"));
  }

  private static boolean isPbkdf2(String hash) {
    String[] parts = hash.split("\\$");
    if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals("pbkdf2-sha256")) {
      return false;
    }
    try {
      return Integer.parseInt(parts[2]) >= 10_000
          && Base64.getDecoder().decode(parts[3]).length >= 8
          && Base64.getDecoder().decode(parts[4]).length >= 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean pbkdf2(String hash, String password) {
    String[] parts = hash.split("\\$");
    byte[] salt = Base64.getDecoder().decode(parts[3]);
    byte[] expected = Base64.getDecoder().decode(parts[4]);
    PBEKeySpec spec =
        new PBEKeySpec(
            password.toCharArray(), salt, Integer.parseInt(parts[2]), expected.length * 8);
    try {
      byte[] actual =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return MessageDigest.isEqual(expected, actual);
    } catch (GeneralSecurityException e) {
      return false;
    } finally {
      spec.clearPassword();
    }
  }

  private record User(String hash, AdminPrincipal principal) {}
}
