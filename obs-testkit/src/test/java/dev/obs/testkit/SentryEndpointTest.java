package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.errors.ErrorReporter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The real Sentry SDK, driven by ErrorReporter, posting to a SentryEndpoint on loopback. */
class SentryEndpointTest {
  private final SentryEndpoint sentry = SentryEndpoint.start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ErrorReporter errors;

  private ErrorReporter reporter(Map<String, String> extra) {
    Map<String, String> keys = new HashMap<>(extra);
    keys.put("obs.sentry.dsn", sentry.dsn());
    keys.put("obs.sentry.shutdown-timeout", "1s");
    errors = ErrorReporter.create(ObsConfig.of(keys), registry);
    return errors;
  }

  @AfterEach
  void stop() {
    MDC.clear();
    if (errors != null) {
      errors.close();
    }
    sentry.close();
  }

  @Test
  void anEventCarriesTheRequestContextWithSecretsScrubbed() {
    ErrorReporter reporter = reporter(Map.of("obs.sentry.environment", "test"));
    MDC.put("request_id", "r-1");
    MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("org_id", "o1");
    MDC.put("user_id", "u7");
    LoggerFactory.getLogger("shop.orders").info("loading order 7");
    TestRequest request =
        TestRequest.get("/orders/7")
            .withQuery("page=2&access_token=hunter2")
            .withHeader("Accept", "application/json")
            .withHeader("Authorization", "Bearer hunter2")
            .withHeader("Cookie", "session=hunter2")
            .withHeader("X-Api-Key", "hunter2");

    String id = reporter.report(new IllegalStateException("order 7 has no lines"), request, 500);

    assertThat(sentry)
        .captured(IllegalStateException.class)
        .withTag("org_id", "o1")
        .withTag("request_id", "r-1")
        .withTag("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
        .withUser("u7")
        .withRequest("GET", "http://shop.test/orders/7")
        .withQueryString("page=2&access_token=[Filtered]")
        .withRequestHeader("Accept", "application/json")
        .withoutRequestHeader("Authorization")
        .withoutKeyAnywhere("cookie")
        .withoutKeyAnywhere("x-api-key")
        .withExceptionMessage("order 7 has no lines")
        .withBreadcrumbContaining("loading order 7")
        .doesNotContain("hunter2")
        .doesNotContain("ada@example.com")
        .satisfies(
            events -> {
              Map<String, Object> event = events.get(0);
              assertThat(event.get("event_id")).isEqualTo(id);
              assertThat(event.get("environment")).isEqualTo("test");
              assertThat(event.get("level")).isEqualTo("error");
            });
  }

  @Test
  void withSendDefaultPiiTheUserNameAndAddressAreSent() {
    ErrorReporter reporter = reporter(Map.of("obs.sentry.send-default-pii", "true"));

    reporter.report(new IllegalStateException("x"), TestRequest.get("/a"), 500);

    Map<String, Object> event = assertThat(sentry).captured(IllegalStateException.class).event();
    assertThat(event.get("user"))
        .isEqualTo(Map.of("username", "ada@example.com", "ip_address", "10.0.0.7"));
  }

  @Test
  void notFoundTooManyRequestsAndIgnoredTypesAreNotSent() {
    ErrorReporter reporter =
        reporter(
            Map.of(
                "obs.errors.report-statuses", "4xx,5xx",
                "obs.errors.ignore-exceptions", "java.io.IOException",
                "obs.errors.ignore-messages", "^client aborted"));

    assertThat(reporter.report(new IllegalStateException("a"), TestRequest.get("/a"), 404))
        .isNull();
    assertThat(reporter.report(new IllegalStateException("b"), TestRequest.get("/b"), 429))
        .isNull();
    assertThat(reporter.report(new java.io.EOFException("c"), TestRequest.get("/c"), 500)).isNull();
    assertThat(reporter.report(new RuntimeException("client aborted"), TestRequest.get("/d"), 500))
        .isNull();
    // The SDK sends in order: once this one arrived, the ones before would have too.
    reporter.report(new UncheckedIOException(new IOException("e")), TestRequest.get("/e"), 500);

    assertThat(sentry).captured(UncheckedIOException.class);
    assertThat(sentry).hasEventCount(1);
  }

  @Test
  void eventsTheServerRefusesAreCountedAsDropped() {
    ErrorReporter reporter = reporter(Map.of());
    sentry.respondWith(429);

    // Until the SDK has read a 429 it sends each event; once it has, it backs off for
    // Retry-After: 60 seconds and discards what it is given, counted as dropped. Each attempt
    // waits for its envelope to arrive, so the loop needs no sleep and ends within 20 attempts.
    for (int attempt = 0; attempt < 20 && dropped() < 1; attempt++) {
      int before = sentry.envelopeCount();
      reporter.report(new IllegalStateException("attempt " + attempt), TestRequest.get("/a"), 500);
      if (dropped() < 1) {
        sentry.awaitUntil(endpoint -> endpoint.envelopeCount() > before, Duration.ofSeconds(5));
      }
    }

    assertThat(dropped()).as("events discarded while the SDK backs off").isGreaterThanOrEqualTo(1);
    assertThat(sentry.events()).isEmpty();
  }

  @Test
  void capturedFailsWithTheEventsThatWereCaptured() {
    reporter(Map.of()).report(new IllegalStateException("x"), TestRequest.get("/a"), 500);
    assertThat(sentry).captured(IllegalStateException.class);

    assertThatThrownBy(
            () ->
                assertThat(sentry)
                    .within(Duration.ofMillis(100))
                    .captured(ArithmeticException.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expected a Sentry event of java.lang.ArithmeticException within PT0.1S, but got:")
        .hasMessageContaining("java.lang.IllegalStateException: x");
    assertThatThrownBy(
            () -> assertThat(sentry).captured(IllegalStateException.class).withTag("org_id", "o2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expected a captured event with tag org_id=o2, but none of these has it:");
    assertThatThrownBy(() -> assertThat(sentry).capturedNothing(Duration.ZERO))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected no Sentry event, but got:");
  }

  @Test
  void anEndpointWithoutEventsPassesCapturedNothing() {
    assertThat(sentry).capturedNothing(Duration.ofMillis(50)).hasEventCount(0);
    assertThat(sentry.dsn()).matches("http://obs0test0key@127\\.0\\.0\\.1:\\d+/42");
  }

  private double dropped() {
    return registry.get("obs.errors.dropped").counter().count();
  }
}
