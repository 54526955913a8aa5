package dev.obs.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.obs.config.SecretUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Posts a JSON payload over the JDK's HTTP client: Slack, Telegram, the generic webhook and
 * Alertmanager differ only in the body and the URL.
 */
final class HttpNotifier implements Notifier {
  enum Kind {
    SLACK,
    TELEGRAM,
    WEBHOOK,
    ALERTMANAGER
  }

  private final Kind kind;
  private final URI url;
  private final Duration timeout;
  private final String chatId;
  private final HttpClient client;

  HttpNotifier(Kind kind, URI url, Duration timeout, String chatId) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("notifier timeout must be positive, got " + timeout);
    }
    this.kind = kind;
    this.url = url;
    this.timeout = timeout;
    this.chatId = chatId;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public boolean grouped() {
    return kind != Kind.ALERTMANAGER;
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    String body;
    try {
      body =
          Payloads.JSON.writeValueAsString(
              switch (kind) {
                case SLACK -> Payloads.slack(n);
                case TELEGRAM -> Payloads.telegram(n, chatId);
                case WEBHOOK -> Payloads.webhook(n);
                case ALERTMANAGER -> Payloads.alertmanager(n);
              });
    } catch (JsonProcessingException e) {
      throw DeliveryException.permanent("could not write the payload: " + e.getMessage(), e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "obs-alerts")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw DeliveryException.retryable(where() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retryable(where() + " was interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String message = where() + " answered " + status + ": " + abbreviate(response.body());
    if (status == 429) {
      throw throttled(message, response);
    }
    if (status >= 500 || status == 408) {
      throw DeliveryException.retryable(message, null);
    }
    throw DeliveryException.permanent(message, null);
  }

  private DeliveryException throttled(String message, HttpResponse<String> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isPresent()) {
      DeliveryException parsed = retryAfter(message, header.get());
      if (parsed != null) {
        return parsed;
      }
    }
    // Telegram says it in the body: {"parameters": {"retry_after": 12}}.
    try {
      JsonNode seconds = Payloads.JSON.readTree(response.body()).path("parameters");
      if (seconds.path("retry_after").canConvertToLong()) {
        return DeliveryException.retryAfter(
            message, Duration.ofSeconds(seconds.path("retry_after").asLong()));
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: retry with the usual backoff
    }
    return DeliveryException.retryable(message, null);
  }

  /** Reads {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
  static @Nullable DeliveryException retryAfter(String message, String value) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds >= 0
          ? DeliveryException.retryAfter(message, Duration.ofSeconds(seconds))
          : null;
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return DeliveryException.retryAt(message, at);
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private String where() {
    // Every receiver URL may hold a secret (bot token, webhook key, user info, query token).
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " POST " + SecretUrls.redact(url);
  }

  private static String abbreviate(String body) {
    String oneLine = body.replace('\n', ' ').strip();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  @Override
  public String toString() {
    return where();
  }
}
