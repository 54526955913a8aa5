package dev.obs.servlet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/** A configured bearer token, compared in constant time with what a request presents. */
final class BearerToken {
  private final byte @Nullable [] expected;

  BearerToken(@Nullable String token) {
    this.expected =
        token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  boolean isConfigured() {
    return expected != null;
  }

  /** True when the Authorization header carries the token; false when none is configured. */
  boolean matches(@Nullable String authorization) {
    byte[] e = expected;
    if (e == null || authorization == null) {
      return false;
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(e, presented);
  }
}
