package dev.obs.servlet;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/** Validates incoming request ids and generates new ones. */
final class RequestIds {
  static final int MAX_LENGTH = 128;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  /** Accepts 1 to 128 characters of {@code [A-Za-z0-9._:-]}, so an id is safe to log and echo. */
  static boolean isValid(@Nullable String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Returns 32 random lowercase hex characters, the shape of a W3C trace id. */
  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[32];
    write(random.nextLong(), out, 0);
    write(random.nextLong(), out, 16);
    return new String(out);
  }

  private static void write(long value, char[] out, int offset) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
