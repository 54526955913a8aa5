package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.http.TestRequest;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorReporterTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ErrorReporter.LOGGER_NAME);

  @BeforeEach
  void attach() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(logs);
  }

  private ErrorReporter reporter(Map<String, String> keys) {
    return ErrorReporter.create(ObsConfig.of(keys), registry, Clock.systemUTC(), name -> null);
  }

  private double reported(String result) {
    return registry.get("obs.errors.reported").tag("result", result).counter().count();
  }

  @Test
  void withoutDsnAnUnhandledExceptionBecomesOneErrorLineWithItsId() {
    try (ErrorReporter errors = reporter(Map.of())) {
      IllegalStateException boom = new IllegalStateException("boom");

      String id = errors.report(boom, TestRequest.get("/orders/7"), 500);

      assertThat(errors.sentryEnabled()).isFalse();
      assertThat(id).matches("[0-9a-f]{32}");
      assertThat(logs.list).hasSize(1);
      ILoggingEvent line = logs.list.get(0);
      assertThat(line.getLevel().toString()).isEqualTo("ERROR");
      assertThat(line.getLoggerName()).isEqualTo("obs.errors");
      assertThat(line.getMDCPropertyMap())
          .containsEntry("error_id", id)
          .containsEntry("method", "GET")
          .containsEntry("route", "/orders/7")
          .containsEntry("status", "500");
      assertThat(line.getFormattedMessage())
          .isEqualTo(
              "Unhandled exception java.lang.IllegalStateException on GET /orders/7, status 500,"
                  + " error_id="
                  + id);
      assertThat(line.getThrowableProxy().getMessage()).isEqualTo("boom");
      assertThat(reported("logged")).isEqualTo(1);
    }
    assertThat(org.slf4j.MDC.get("error_id")).isNull();
  }

  @Test
  void onlyServerErrorsAreReportedAnd404And429AreIgnored() {
    Map<String, String> keys = new HashMap<>();
    keys.put("obs.errors.report-statuses", "4xx,5xx");
    try (ErrorReporter defaults = reporter(Map.of());
        ErrorReporter withClientErrors = reporter(keys)) {
      RuntimeException e = new RuntimeException("x");
      assertThat(defaults.report(e, TestRequest.get("/a"), 400)).isNull();
      assertThat(defaults.report(e, TestRequest.get("/a"), 503)).isNotNull();
      assertThat(withClientErrors.report(e, TestRequest.get("/a"), 404)).isNull();
      assertThat(withClientErrors.report(e, TestRequest.get("/a"), 429)).isNull();
      assertThat(withClientErrors.report(e, TestRequest.get("/a"), 409)).isNotNull();
    }
    assertThat(logs.list).hasSize(2);
    assertThat(reported("ignored")).isEqualTo(3);
  }

  @Test
  void ignoredExceptionTypesIncludeTheirSubclasses() {
    try (ErrorReporter errors =
        reporter(Map.of("obs.errors.ignore-exceptions", "java.io.IOException"))) {
      assertThat(errors.report(new IOException("x"), TestRequest.get("/a"), 500)).isNull();
      assertThat(errors.report(new java.io.EOFException("x"), TestRequest.get("/a"), 500)).isNull();
      assertThat(errors.report(new UncheckedIOException(new IOException()), req(), 500))
          .isNotNull();
    }
  }

  @Test
  void messagesMatchingAnIgnorePatternAreIgnored() {
    try (ErrorReporter errors =
        reporter(Map.of("obs.errors.ignore-messages", "^Broken pipe,client gone"))) {
      assertThat(errors.report(new RuntimeException("Broken pipe (write)"), req(), 500)).isNull();
      assertThat(errors.report(new RuntimeException("the client gone away"), req(), 500)).isNull();
      assertThat(errors.report(new RuntimeException("no Broken pipe"), req(), 500)).isNotNull();
      assertThat(errors.report(new RuntimeException(), req(), 500)).isNotNull();
    }
  }

  @Test
  void identicalErrorsAreSentAtMostTheLimitPerMinuteButAlwaysLogged() throws IOException {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    Map<String, String> keys = new HashMap<>();
    keys.put("obs.sentry.dsn", closedPortDsn());
    keys.put("obs.sentry.shutdown-timeout", "200ms");
    keys.put("obs.errors.max-identical-per-minute", "2");
    try (ErrorReporter errors =
        ErrorReporter.create(ObsConfig.of(keys), registry, clock, name -> null)) {
      RuntimeException same = new RuntimeException("same");
      for (int i = 0; i < 3; i++) {
        assertThat(errors.report(same, req(), 500)).isNotNull();
      }
      // A different message is a different event.
      errors.report(new RuntimeException("other"), req(), 500);
      assertThat(reported("sent")).isEqualTo(3);
      assertThat(reported("rate_limited")).isEqualTo(1);

      clock.advance(Duration.ofMinutes(1));
      errors.report(same, req(), 500);
      assertThat(reported("sent")).isEqualTo(4);
      assertThat(logs.list).hasSize(5);
    }
  }

  @Test
  void sentryDsnFromTheEnvironmentTurnsSentryOn() throws IOException {
    String dsn = closedPortDsn();
    try (ErrorReporter errors =
        ErrorReporter.create(
            ObsConfig.of(Map.of("obs.sentry.shutdown-timeout", "200ms")),
            registry,
            Clock.systemUTC(),
            name -> name.equals("SENTRY_DSN") ? dsn : null)) {
      assertThat(errors.sentryEnabled()).isTrue();
      assertThat(registry.get("obs.errors.dropped").counter().count()).isZero();
    }
  }

  @Test
  void sentryCanBeSwitchedOffDespiteADsn() throws IOException {
    Map<String, String> keys =
        Map.of("obs.sentry.dsn", closedPortDsn(), "obs.sentry.enabled", "false");
    try (ErrorReporter errors = reporter(keys)) {
      assertThat(errors.sentryEnabled()).isFalse();
    }
  }

  @Test
  void invalidKeysFailWithTheKeyTheValueAndTheRule() {
    assertInvalid(
        "obs.sentry.sample-rate",
        "1.5",
        "obs.sentry.sample-rate must be a number above 0 and at most 1, like 0.25, got '1.5'");
    assertInvalid(
        "obs.errors.report-statuses",
        "5xx,abc",
        "obs.errors.report-statuses must be status codes, ranges or classes like 5xx,429 or"
            + " 500-503, got '5xx,abc'");
    assertInvalid(
        "obs.errors.ignore-statuses",
        "600-500",
        "obs.errors.ignore-statuses must be status codes, ranges or classes like 5xx,429 or"
            + " 500-503, got '600-500'");
    assertInvalid(
        "obs.errors.ignore-messages",
        "(oops",
        "obs.errors.ignore-messages must be comma-separated Java regular expressions (Unclosed"
            + " group), got '(oops'");
    assertInvalid(
        "obs.errors.ignore-exceptions",
        "java.io.IOException,not a class",
        "obs.errors.ignore-exceptions must be fully qualified class names like"
            + " org.eclipse.jetty.io.EofException, got 'java.io.IOException,not a class'");
    assertInvalid(
        "obs.errors.max-identical-per-minute",
        "0",
        "obs.errors.max-identical-per-minute must be a positive integer like 10, got '0'");
    assertInvalid(
        "obs.sentry.shutdown-timeout",
        "soon",
        "obs.sentry.shutdown-timeout must be a positive duration like 250ms, 2s or 5m, got 'soon'");
    assertInvalid(
        "obs.sentry.dsn",
        "not a dsn",
        "obs.sentry.dsn must be a Sentry DSN like https://public-key@o1.ingest.sentry.io/42,"
            + " got 'not a dsn'");
  }

  private void assertInvalid(String key, String value, String message) {
    assertThatThrownBy(() -> reporter(Map.of(key, value)).close())
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((ObsConfigException) e).key()).isEqualTo(key));
  }

  @Test
  void reportNeverThrowsEvenWhenTheRequestViewDoes() {
    dev.obs.http.HttpRequestView failing =
        new dev.obs.http.HttpRequestView() {
          @Override
          public String method() {
            throw new IllegalStateException("request already recycled");
          }

          @Override
          public String path() {
            return "/a";
          }

          @Override
          public String url() {
            return "http://x/a";
          }

          @Override
          public String query() {
            return null;
          }

          @Override
          public String header(String name) {
            return null;
          }

          @Override
          public Iterable<String> headerNames() {
            return List.of();
          }

          @Override
          public String remoteAddress() {
            return null;
          }

          @Override
          public long contentLength() {
            return -1;
          }

          @Override
          public String userPrincipal() {
            return null;
          }
        };
    try (ErrorReporter errors = reporter(Map.of())) {
      assertThat(errors.report(new RuntimeException("x"), failing, 500)).isNull();
    }
  }

  private static TestRequest req() {
    return TestRequest.get("/a");
  }

  /** A DSN whose port nothing listens on: sends fail fast, in the SDK's thread. */
  static String closedPortDsn() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return "http://key@127.0.0.1:" + port + "/1";
  }
}
