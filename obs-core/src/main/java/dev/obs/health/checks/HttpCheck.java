package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GETs each URL in turn until one answers with an expected status. Only the status line and headers
 * are awaited: the body is closed unread, so a slow body cannot hold the check.
 */
final class HttpCheck implements HealthCheck {
  private final HttpCheckOptions options;
  private final HttpClient client;

  HttpCheck(HttpCheckOptions options) {
    this.options = options;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public HealthResult check() throws InterruptedException {
    Map<String, Object> attempts = new LinkedHashMap<>();
    List<String> outcomes = new ArrayList<>();
    for (URI url : options.urls()) {
      long start = System.nanoTime();
      HttpRequest request = HttpRequest.newBuilder(url).timeout(options.timeout()).GET().build();
      try {
        HttpResponse<InputStream> response =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        int status = response.statusCode();
        if (options.isExpected(status)) {
          HealthResult up =
              HealthResult.up()
                  .withDetail("url", url.toString())
                  .withDetail("status", status)
                  .withDetail("latency_ms", Units.millisSince(start));
          if (outcomes.isEmpty()) {
            return up;
          }
          return up.withDetail("attempts", attempts)
              .withMessage(String.join("; ", outcomes) + "; " + url + " answered " + status);
        }
        attempts.put(url.toString(), status);
        outcomes.add(url + " answered " + status);
      } catch (IOException e) {
        String failure = failure(e);
        attempts.put(url.toString(), failure);
        outcomes.add(url + " " + failure);
      }
    }
    String expected = options.expectedText();
    String message =
        outcomes.size() == 1
            ? outcomes.get(0) + ", expected " + expected
            : "none of "
                + outcomes.size()
                + " URLs answered "
                + expected
                + ": "
                + String.join("; ", outcomes);
    return HealthResult.down(message).withDetail("attempts", attempts);
  }

  private String failure(IOException e) {
    String timeout = Units.millis(options.timeout());
    if (e instanceof HttpConnectTimeoutException) {
      return "could not connect within " + timeout;
    }
    if (e instanceof HttpTimeoutException) {
      return "did not answer within " + timeout;
    }
    String reason = reason(e);
    if (e instanceof ConnectException) {
      // JDK 17's HttpClient gives no reason for a refused connection
      return reason == null ? "could not connect" : "could not connect: " + reason;
    }
    return "failed: " + (reason == null ? e.getClass().getName() : reason);
  }

  /** The first non-blank message down the cause chain; HttpClient often wraps the real reason. */
  private static @Nullable String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        return message;
      }
    }
    return null;
  }
}
