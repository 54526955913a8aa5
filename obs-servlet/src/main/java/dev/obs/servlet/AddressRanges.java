package dev.obs.servlet;

import dev.obs.config.ObsConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The client networks allowed to call guarded endpoints, {@code obs.admin.allow-from}: CIDR blocks
 * such as {@code 10.0.0.0/8, 127.0.0.1/32, ::1/128}. Empty means every address.
 */
final class AddressRanges {
  static final String KEY = "obs.admin.allow-from";

  private final List<Range> ranges;

  private AddressRanges(List<Range> ranges) {
    this.ranges = ranges;
  }

  static AddressRanges any() {
    return new AddressRanges(List.of());
  }

  static AddressRanges fromConfig(ObsConfig config) {
    List<Range> out = new ArrayList<>();
    for (String item : config.list(KEY)) {
      out.add(parse(item));
    }
    return new AddressRanges(List.copyOf(out));
  }

  boolean isRestricted() {
    return !ranges.isEmpty();
  }

  /** Tells whether the address (as the container reports it) is in one of the ranges. */
  boolean allows(@Nullable String address) {
    if (ranges.isEmpty()) {
      return true;
    }
    byte[] bytes = literal(address);
    if (bytes == null) {
      return false;
    }
    for (Range r : ranges) {
      if (r.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  private static Range parse(String item) {
    int slash = item.indexOf('/');
    String host = slash < 0 ? item : item.substring(0, slash);
    byte[] network = literal(host);
    if (network == null) {
      throw ObsConfig.invalid(
          KEY, item, "must list CIDR blocks like 10.0.0.0/8 or ::1/128, separated by commas");
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(item.substring(slash + 1).trim());
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > network.length * 8) {
        throw ObsConfig.invalid(
            KEY,
            item,
            "must give a prefix length between 0 and " + network.length * 8 + " after the '/'");
      }
    }
    return new Range(network, bits);
  }

  /** The bytes of an IP literal, never resolving a host name; null when it is not a literal. */
  private static byte @Nullable [] literal(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = !t.isEmpty() && t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    boolean v6 = t.indexOf(':') >= 0 && t.chars().allMatch(AddressRanges::ipv6Char);
    if (!v4 && !v6) {
      return null;
    }
    try {
      // A literal is only parsed, never looked up.
      byte[] bytes = InetAddress.getByName(t).getAddress();
      return unmapped(bytes);
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static boolean ipv6Char(int c) {
    return c == ':'
        || c == '.'
        || c == '%'
        || (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F');
  }

  /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address. */
  private static byte[] unmapped(byte[] bytes) {
    if (bytes.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (bytes[i] != 0) {
          return bytes;
        }
      }
      if (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
      }
    }
    return bytes;
  }

  private record Range(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }
}
