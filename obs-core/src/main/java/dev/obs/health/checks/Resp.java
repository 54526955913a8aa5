package dev.obs.health.checks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The few parts of RESP2, Redis's wire protocol, that a health check needs: commands go out as
 * arrays of bulk strings; replies come back as simple strings ({@link String}), errors ({@link
 * Error}), integers ({@link Long}), bulk strings ({@link String} or {@code null}) and arrays
 * ({@link List}).
 */
final class Resp {
  /** Longest line or bulk string accepted, so a peer that is not Redis cannot exhaust memory. */
  static final int MAX_REPLY = 1 << 20;

  /** An error reply such as {@code -NOAUTH Authentication required.} */
  record Error(String text) {}

  private final InputStream in;
  private final OutputStream out;

  Resp(InputStream in, OutputStream out) {
    this.in = new BufferedInputStream(in);
    this.out = out;
  }

  /** Sends one command and reads its reply. */
  @Nullable Object call(String... args) throws IOException {
    write(args);
    return read();
  }

  void write(String... args) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(bytes);
      buffer.writeBytes(new byte[] {'\r', '\n'});
    }
    out.write(buffer.toByteArray());
    out.flush();
  }

  @Nullable Object read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("the connection was closed");
    }
    String line = line();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new Error(line);
      case ':':
        return parseLong(line);
      case '$':
        return bulk(parseLong(line));
      case '*':
        long count = parseLong(line);
        if (count < 0) {
          return null;
        }
        List<@Nullable Object> items = new ArrayList<>();
        for (long i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      default:
        throw new ProtocolException("not a RESP reply: '" + printable((char) type + line) + "'");
    }
  }

  private @Nullable String bulk(long length) throws IOException {
    if (length < 0) {
      return null;
    }
    if (length > MAX_REPLY) {
      throw new ProtocolException("reply of " + length + " bytes is too large");
    }
    byte[] bytes = in.readNBytes((int) length + 2);
    if (bytes.length < length + 2) {
      throw new EOFException("the connection was closed");
    }
    return new String(bytes, 0, (int) length, StandardCharsets.UTF_8);
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection was closed");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      if (line.size() >= MAX_REPLY) {
        throw new ProtocolException("reply line is too long");
      }
      line.write(b);
      previous = b;
    }
  }

  private static long parseLong(String text) throws ProtocolException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ProtocolException("not a RESP length or integer: '" + printable(text) + "'");
    }
  }

  private static String printable(String text) {
    String cut = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
