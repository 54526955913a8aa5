package dev.obs.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HTTP server on a loopback port that records each request and answers from a script: each
 * request takes the next scripted answer, and the last one repeats. An answer can also hang until
 * the receiver is closed.
 */
final class HttpReceiver implements AutoCloseable {
  record Request(String method, String path, String body) {
    JsonNode json() {
      try {
        return Payloads.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("request body is not JSON: " + body, e);
      }
    }
  }

  record Answer(int status, String body, String retryAfter, boolean hang) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final CountDownLatch release = new CountDownLatch(1);

  HttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
    script.add(new Answer(200, "{\"ok\":true}", "", false));
  }

  /** Replaces the script: the answers in order, the last one repeating. */
  synchronized HttpReceiver answer(Answer... answers) {
    script.clear();
    script.addAll(List.of(answers));
    return this;
  }

  static Answer status(int status) {
    return new Answer(status, "{}", "", false);
  }

  static Answer throttled(String retryAfter) {
    return new Answer(429, "{\"ok\":false}", retryAfter, false);
  }

  static Answer hang() {
    return new Answer(200, "", "", true);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits at most 10 s until at least {@code count} requests arrived. */
  List<Request> await(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (this) {
      while (requests.size() < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " requests within 10 s, got "
                  + requests.size()
                  + ": "
                  + requests);
        }
        wait(left);
      }
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Answer answer;
    synchronized (this) {
      requests.add(
          new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body));
      answer = script.size() > 1 ? script.poll() : script.peek();
      notifyAll();
    }
    if (answer.hang()) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!answer.retryAfter().isEmpty()) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
