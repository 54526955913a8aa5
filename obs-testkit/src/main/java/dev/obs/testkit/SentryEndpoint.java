package dev.obs.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry server on loopback for tests: it accepts the envelopes the real Sentry SDK posts to
 * {@code /api/<project>/envelope/}, decodes them (gzip included) and keeps their events for {@link
 * ObsAssertions#assertThat(SentryEndpoint)}. It can be told to hang or to answer with an error
 * status, to test what the application does when Sentry is down. Close it to stop it.
 *
 * <pre>{@code
 * try (SentryEndpoint sentry = SentryEndpoint.start()) {
 *   ObsConfig config = ObsConfig.of(Map.of("obs.sentry.dsn", sentry.dsn()));
 *   // ... run a failing request ...
 *   assertThat(sentry).captured(IllegalStateException.class).withTag("org_id", "o1");
 * }
 * }</pre>
 *
 * <p>It decodes JSON with Jackson ({@code com.fasterxml.jackson.core:jackson-databind}), which must
 * be on the test class path; obs-servlet brings it.
 */
public final class SentryEndpoint implements AutoCloseable {
  /** The project id in {@link #dsn()}. */
  public static final String PROJECT = "42";

  /** The public key in {@link #dsn()}. */
  public static final String PUBLIC_KEY = "obs0test0key";

  private static final long MAX_HANG_SECONDS = 60;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Map<String, Object>> events = new ArrayList<>();
  private int envelopes;
  private volatile int status = 200;
  private volatile CountDownLatch hang = new CountDownLatch(0);

  private SentryEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts an endpoint on a free loopback port, answering 200 to every envelope.
   *
   * @return the running endpoint
   * @throws IllegalStateException if Jackson is missing or the server cannot start
   */
  public static SentryEndpoint start() {
    try {
      Class.forName(
          "com.fasterxml.jackson.databind.ObjectMapper",
          false,
          SentryEndpoint.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "SentryEndpoint needs Jackson on the test class path; add"
              + " com.fasterxml.jackson.core:jackson-databind (obs-servlet brings it)");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("SentryEndpoint could not listen on loopback: " + e, e);
    }
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sentry-endpoint");
              t.setDaemon(true);
              return t;
            });
    SentryEndpoint endpoint = new SentryEndpoint(server, executor);
    server.createContext("/api/", endpoint::handle);
    server.setExecutor(executor);
    server.start();
    return endpoint;
  }

  /**
   * Returns the DSN that points the Sentry SDK at this endpoint.
   *
   * @return a DSN like {@code http://obs0test0key@127.0.0.1:53211/42}
   */
  public String dsn() {
    InetSocketAddress address = server.getAddress();
    return "http://"
        + PUBLIC_KEY
        + "@"
        + address.getAddress().getHostAddress()
        + ":"
        + address.getPort()
        + "/"
        + PROJECT;
  }

  /**
   * Makes every following envelope wait without an answer until {@link #respondNormally()}, {@link
   * #respondWith(int)} or {@link #close()} (at most 60 seconds), like a Sentry that is down.
   *
   * @return this endpoint
   */
  public SentryEndpoint hang() {
    hang = new CountDownLatch(1);
    return this;
  }

  /**
   * Answers every following envelope with the status, such as 500 or 429 (with {@code Retry-After:
   * 60}), and releases hanging requests; those events are not kept.
   *
   * @param status the HTTP status to answer
   * @return this endpoint
   */
  public SentryEndpoint respondWith(int status) {
    this.status = status;
    hang.countDown();
    return this;
  }

  /**
   * Accepts and keeps the following envelopes again, and releases hanging requests.
   *
   * @return this endpoint
   */
  public SentryEndpoint respondNormally() {
    return respondWith(200);
  }

  /**
   * Returns the events received so far, each the event's JSON as maps, lists, strings and numbers.
   *
   * @return a copy of the events, oldest first
   */
  public synchronized List<Map<String, Object>> events() {
    return List.copyOf(events);
  }

  /**
   * Returns how many envelopes were received, with or without events, answered or not.
   *
   * @return the count
   */
  public synchronized int envelopeCount() {
    return envelopes;
  }

  /**
   * Waits until the endpoint's state satisfies a condition, or the time is up; woken by each
   * envelope that arrives rather than by polling.
   *
   * @return true when the condition holds, false when the time ran out or the thread was
   *     interrupted
   */
  synchronized boolean awaitUntil(Predicate<SentryEndpoint> condition, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (!condition.test(this)) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Forgets the events received so far. */
  public synchronized void clear() {
    events.clear();
  }

  /** Stops the server, releasing requests that hang. */
  @Override
  public void close() {
    hang.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      synchronized (this) {
        envelopes++;
        notifyAll();
      }
      String path = exchange.getRequestURI().getPath();
      if (!"POST".equals(exchange.getRequestMethod())
          || !path.equals("/api/" + PROJECT + "/envelope/")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      try {
        hang.await(MAX_HANG_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int answer = status;
      if (answer != 200) {
        if (answer == 429) {
          exchange.getResponseHeaders().add("Retry-After", "60");
        }
        exchange.sendResponseHeaders(answer, -1);
        return;
      }
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      List<Map<String, Object>> decoded = decode(body);
      synchronized (this) {
        events.addAll(decoded);
        notifyAll();
      }
      byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
    }
  }

  /** Decodes an envelope: a header line, then items of a header line and a payload each. */
  List<Map<String, Object>> decode(byte[] envelope) {
    List<Map<String, Object>> out = new ArrayList<>();
    int pos = lineEnd(envelope, 0) + 1; // skips the envelope header
    while (pos < envelope.length) {
      int end = lineEnd(envelope, pos);
      if (end == pos) {
        pos++;
        continue;
      }
      Map<String, Object> header = parse(envelope, pos, end);
      pos = end + 1;
      int payloadEnd;
      Object length = header.get("length");
      if (length instanceof Number n) {
        payloadEnd = Math.min(envelope.length, pos + n.intValue());
      } else {
        payloadEnd = lineEnd(envelope, pos);
      }
      if ("event".equals(header.get("type"))) {
        out.add(parse(envelope, pos, payloadEnd));
      }
      pos = payloadEnd + 1;
    }
    return out;
  }

  private Map<String, Object> parse(byte[] bytes, int from, int to) {
    try {
      return json.readValue(bytes, from, to - from, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(
          "not JSON: " + new String(bytes, from, to - from, StandardCharsets.UTF_8), e);
    }
  }

  private static int lineEnd(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
