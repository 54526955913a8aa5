package dev.obs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.config.ObsConfig;
import dev.obs.http.TestRequest;
import dev.obs.logging.Captured;
import dev.obs.logging.LogContext;
import dev.obs.logging.LogFields;
import dev.obs.logging.LoggingOptions;
import dev.obs.tracing.ServerSpan;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** {@link Obs#record(ServerExchange)} does all of obs's end-of-request work from one value. */
class ExchangeRecordingTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();

  @AfterEach
  void cleanUp() {
    sdk.close();
    MDC.clear();
  }

  private Obs obs(Map<String, String> config) {
    return Obs.builder()
        .meterRegistry(registry)
        .config(ObsConfig.of(config))
        .openTelemetry(sdk)
        .jvmMetrics(false)
        .discoverPlugins(false)
        .build();
  }

  @Test
  void anUnhandledExceptionIsReportedMeteredTracedAndLoggedFromOneExchange() {
    try (Obs obs = obs(Map.of("obs.logging.access-log", "true"));
        Captured logs = Captured.logger("obs", LoggingOptions.defaults())) {
      // What an adapter does at the start of the request: the request id and the span.
      MDC.put(LogFields.REQUEST_ID, "req-1");
      ServerSpan span = obs.tracing().start(TestRequest.get("/orders/7"));
      LogContext.user("u7");
      IllegalStateException locked = new IllegalStateException("order 7 is locked");

      String errorId =
          obs.record(
              ServerExchange.builder("GET", "/orders/7")
                  .route("/orders/{id}")
                  .status(500)
                  .durationNanos(3_000_000)
                  .unhandled(locked, TestRequest.get("/orders/7"))
                  .requestId("req-1")
                  .responseBytes(512)
                  .span(span)
                  .build());

      assertThat(errorId).matches("[0-9a-f]{32}");
      assertThat(registry.get("obs.errors.reported").tag("result", "logged").counter().count())
          .isEqualTo(1);

      Timer timer =
          registry
              .get("http.server.requests")
              .tags("method", "GET", "uri", "/orders/{id}", "status", "500")
              .tags("outcome", "SERVER_ERROR", "exception", "IllegalStateException")
              .timer();
      assertThat(timer.count()).isEqualTo(1);
      assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
      assertThat(
              registry
                  .get("obs.http.server.errors")
                  .tags("uri", "/orders/{id}", "status", "500")
                  .counter()
                  .count())
          .isEqualTo(1);

      List<SpanData> ended = spans.getFinishedSpanItems();
      assertThat(ended).hasSize(1);
      SpanData data = ended.get(0);
      assertThat(data.getTraceId()).isEqualTo(span.traceId());
      assertThat(data.getName()).isEqualTo("GET /orders/{id}");
      assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(data.getAttributes().get(AttributeKey.stringKey("http.route")))
          .isEqualTo("/orders/{id}");
      assertThat(data.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
          .isEqualTo(500L);
      assertThat(data.getAttributes().get(AttributeKey.stringKey("error.type")))
          .isEqualTo("java.lang.IllegalStateException");
      assertThat(data.getEvents()).extracting(e -> e.getName()).containsExactly("exception");

      // The report comes first, with the request's context; the access line after, without it.
      assertThat(logs.output).hasSize(2);
      Map<String, Object> error = Captured.parse(logs.output.get(0));
      assertThat(error)
          .containsEntry("logger", "obs.errors")
          .containsEntry("level", "ERROR")
          .containsEntry(
              "message",
              "Unhandled exception java.lang.IllegalStateException on GET /orders/7, status 500,"
                  + " error_id="
                  + errorId)
          .containsEntry("error_id", errorId)
          .containsEntry("request_id", "req-1")
          .containsEntry("trace_id", span.traceId())
          .containsEntry("span_id", span.spanId())
          .containsEntry("user_id", "u7")
          .containsEntry("status", "500");
      Map<String, Object> access = Captured.parse(logs.output.get(1));
      assertThat(access)
          .containsEntry("logger", "obs.access")
          .containsEntry("level", "INFO")
          .containsEntry("message", "GET /orders/{id} 500 3.0 ms")
          .containsEntry("request_id", "req-1")
          .containsEntry("method", "GET")
          .containsEntry("route", "/orders/{id}")
          .containsEntry("status", 500)
          .containsEntry("duration_ms", 3.0)
          .containsEntry("bytes", 512)
          .doesNotContainKeys("trace_id", "span_id", "user_id", "error_id");

      // Recording leaves the request's context to the adapter.
      assertThat(MDC.get(LogFields.TRACE_ID)).isEqualTo(span.traceId());
      assertThat(MDC.get(LogFields.USER_ID)).isEqualTo("u7");
      assertThat(MDC.get(LogFields.REQUEST_ID)).isEqualTo("req-1");
      span.detach();
    }
  }

  @Test
  void aHandledExceptionTagsTheMetersAndTheSpanButIsNotReported() {
    try (Obs obs = obs(Map.of());
        Captured logs = Captured.logger("obs", LoggingOptions.defaults())) {
      ServerSpan span = obs.tracing().start(TestRequest.get("/orders/7"));

      String errorId =
          obs.record(
              ServerExchange.builder("GET", "/orders/7")
                  .status(409)
                  .durationNanos(1_000_000)
                  .exception(new IllegalArgumentException("stale version"))
                  .span(span)
                  .build());
      span.detach();

      assertThat(errorId).isNull();
      assertThat(
              registry
                  .get("http.server.requests")
                  .tags("uri", "/orders/{id}", "status", "409")
                  .tags("outcome", "CLIENT_ERROR", "exception", "IllegalArgumentException")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(spans.getFinishedSpanItems())
          .singleElement()
          .satisfies(
              data -> {
                assertThat(data.getName()).isEqualTo("GET");
                assertThat(data.getAttributes().get(AttributeKey.stringKey("error.type")))
                    .isEqualTo("java.lang.IllegalArgumentException");
              });
      assertThat(logs.output).as("no report and no access line by default").isEmpty();
      assertThat(registry.get("obs.errors.reported").tag("result", "logged").counter().count())
          .isZero();
    }
  }

  @Test
  void requestsToObsEndpointsGetNeitherMetersNorAnAccessLine() {
    try (Obs obs = obs(Map.of("obs.logging.access-log", "true"));
        Captured logs = Captured.logger("obs.access", LoggingOptions.defaults())) {
      obs.record(ServerExchange.builder("GET", "/metrics").durationNanos(1_000_000).build());

      assertThat(registry.find("http.server.requests").timer()).isNull();
      assertThat(logs.output).isEmpty();
    }
  }

  @Test
  void anExchangeDefaultsToA200WithUnknownLengthAndNoSpan() {
    ServerExchange exchange = ServerExchange.builder("GET", "/").build();

    assertThat(exchange.status()).isEqualTo(200);
    assertThat(exchange.responseBytes()).isEqualTo(-1);
    assertThat(exchange.span()).isSameAs(ServerSpan.noop());
    assertThat(exchange.route()).isNull();
    assertThat(exchange.exception()).isNull();
    assertThat(exchange.unhandledIn()).isNull();
    assertThat(exchange.requestId()).isNull();
  }

  @Test
  void markingAnExceptionHandledDropsAnEarlierUnhandledOne() {
    ServerExchange exchange =
        ServerExchange.builder("GET", "/")
            .unhandled(new IllegalStateException(), TestRequest.get("/"))
            .exception(null)
            .build();

    assertThat(exchange.exception()).isNull();
    assertThat(exchange.unhandledIn()).isNull();
  }
}
