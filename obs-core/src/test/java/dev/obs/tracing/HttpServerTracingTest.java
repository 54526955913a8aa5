package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.http.HttpExchange;
import dev.obs.http.TestRequest;
import dev.obs.logging.LogFields;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class HttpServerTracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();

  @AfterEach
  void closeSdk() {
    sdk.close();
    MDC.clear();
  }

  private HttpServerTracing tracing(Map<String, String> config) {
    return HttpServerTracing.create(ObsConfig.of(config), sdk);
  }

  private HttpServerTracing tracing() {
    return tracing(Map.of());
  }

  private static HttpExchange exchange(String route, String path, int status, Throwable error) {
    return new HttpExchange("GET", route, path, status, 1_000_000, error, "req-1");
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  @Test
  void successfulRequestBecomesServerSpanNamedByMethodAndRoute() {
    HttpServerTracing tracing = tracing();
    ServerSpan span = tracing.start(TestRequest.get("/users/7").header("User-Agent", "curl/8.5.0"));
    span.detach();
    span.end(exchange("/users/{id}", "/users/7", 200, null));

    SpanData data = onlySpan();
    assertThat(data.getName()).isEqualTo("GET /users/{id}");
    assertThat(data.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    Map<String, Object> attributes = new LinkedHashMap<>();
    data.getAttributes().forEach((k, v) -> attributes.put(k.getKey(), v));
    assertThat(attributes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "http.request.method", "GET",
                "url.path", "/users/7",
                "url.scheme", "http",
                "server.address", "shop.example",
                "server.port", 8080L,
                "user_agent.original", "curl/8.5.0",
                "client.address", "10.0.0.7",
                "http.route", "/users/{id}",
                "http.response.status_code", 200L));
    assertThat(span.traceId()).isEqualTo(data.getTraceId());
    assertThat(span.spanId()).isEqualTo(data.getSpanId());
  }

  @Test
  void notFoundWithoutRouteIsNamedByMethodAndIsNotAnError() {
    ServerSpan span = tracing().start(TestRequest.get("/nowhere"));
    span.detach();
    span.end(exchange(null, "/nowhere", 404, null));

    SpanData data = onlySpan();
    assertThat(data.getName()).isEqualTo("GET");
    assertThat(data.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(404L);
    assertThat(data.getAttributes().get(AttributeKey.stringKey("http.route"))).isNull();
    assertThat(data.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void serverErrorStatusMarksSpanAsError() {
    ServerSpan span = tracing().start(TestRequest.get("/orders"));
    span.detach();
    span.end(exchange("/orders", "/orders", 503, null));

    SpanData data = onlySpan();
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(data.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("503");
    assertThat(data.getEvents()).isEmpty();
  }

  @Test
  void exceptionIsRecordedAsEventAndErrorType() {
    ServerSpan span = tracing().start(TestRequest.get("/orders/9"));
    span.detach();
    span.end(exchange("/orders/{id}", "/orders/9", 500, new IllegalStateException("boom")));

    SpanData data = onlySpan();
    assertThat(data.getName()).isEqualTo("GET /orders/{id}");
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(data.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(data.getEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getName()).isEqualTo("exception");
              assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.message")))
                  .isEqualTo("boom");
            });
  }

  @Test
  void unknownMethodIsReportedAsOther() {
    ServerSpan span = tracing().start(TestRequest.of("PURGE", "/cache"));
    span.detach();
    span.end(new HttpExchange("PURGE", null, "/cache", 204, 1, null, null));

    SpanData data = onlySpan();
    assertThat(data.getName()).isEqualTo("HTTP");
    assertThat(data.getAttributes().get(AttributeKey.stringKey("http.request.method")))
        .isEqualTo("_OTHER");
    assertThat(data.getAttributes().get(AttributeKey.stringKey("http.request.method_original")))
        .isEqualTo("PURGE");
  }

  @Test
  void obsEndpointsGetNoSpanByDefault() {
    HttpServerTracing tracing = tracing();
    for (String path : List.of("/metrics", "/readyz", "/livez", "/healthz", "/obs/admin/alerts")) {
      ServerSpan span = tracing.start(TestRequest.get(path));
      assertThat(span).as(path).isSameAs(NoopServerSpan.INSTANCE);
      assertThat(MDC.get(LogFields.TRACE_ID)).as(path).isNull();
      span.detach();
      span.end(exchange(path, path, 200, null));
    }
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void obsEndpointsGetSpansWhenConfigured() {
    HttpServerTracing tracing = tracing(Map.of("obs.tracing.include-obs-endpoints", "true"));
    for (String path : List.of("/metrics", "/readyz")) {
      ServerSpan span = tracing.start(TestRequest.get(path));
      span.detach();
      span.end(exchange(path, path, 200, null));
    }
    assertThat(exporter.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("GET /metrics", "GET /readyz");
  }

  @Test
  void incomingTraceparentIsContinued() {
    ServerSpan span =
        tracing()
            .start(
                TestRequest.get("/users/7")
                    .header("traceparent", TRACEPARENT)
                    .header("tracestate", "vendor=abc"));
    span.detach();
    span.end(exchange("/users/{id}", "/users/7", 200, null));

    SpanData data = onlySpan();
    assertThat(data.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(data.getParentSpanId()).isEqualTo(PARENT_ID);
    assertThat(data.getParentSpanContext().isRemote()).isTrue();
    assertThat(data.getSpanContext().getTraceState().get("vendor")).isEqualTo("abc");
  }

  @Test
  void invalidTraceparentStartsNewTrace() {
    ServerSpan span =
        tracing().start(TestRequest.get("/users/7").header("traceparent", "00-zz-yy-01"));
    span.detach();
    span.end(exchange("/users/{id}", "/users/7", 200, null));

    SpanData data = onlySpan();
    assertThat(data.getTraceId()).hasSize(32).isNotEqualTo(TRACE_ID);
    assertThat(data.getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void injectWritesTraceparentOfTheServerSpan() {
    ServerSpan span =
        tracing().start(TestRequest.get("/users/7").header("traceparent", TRACEPARENT));
    Map<String, String> outgoing = new LinkedHashMap<>();
    span.inject(outgoing::put);
    span.detach();

    assertThat(outgoing)
        .containsEntry("traceparent", "00-" + TRACE_ID + "-" + span.spanId() + "-01");
  }

  @Test
  void idsAreInTheMdcBetweenStartAndDetachOnly() {
    MDC.put(LogFields.REQUEST_ID, "req-1");
    ServerSpan span = tracing().start(TestRequest.get("/users/7"));

    assertThat(MDC.get(LogFields.TRACE_ID)).isEqualTo(span.traceId()).hasSize(32);
    assertThat(MDC.get(LogFields.SPAN_ID)).isEqualTo(span.spanId()).hasSize(16);
    assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId())
        .isEqualTo(span.spanId());

    span.detach();

    assertThat(MDC.get(LogFields.TRACE_ID)).isNull();
    assertThat(MDC.get(LogFields.SPAN_ID)).isNull();
    assertThat(MDC.get(LogFields.REQUEST_ID)).isEqualTo("req-1");
    assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void endingOrDetachingTwiceIsHarmless() {
    ServerSpan span = tracing().start(TestRequest.get("/users/7"));
    span.detach();
    span.detach();
    span.end(exchange("/users/{id}", "/users/7", 200, null));
    span.end(exchange("/other", "/users/7", 500, new IllegalStateException()));

    SpanData data = onlySpan();
    assertThat(data.getName()).isEqualTo("GET /users/{id}");
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void spanCanEndOnAnotherThread() throws Exception {
    ServerSpan span = tracing().start(TestRequest.get("/async"));
    span.detach();
    Thread other = new Thread(() -> span.end(exchange("/async", "/async", 200, null)));
    other.start();
    other.join(10_000);

    assertThat(onlySpan().getName()).isEqualTo("GET /async");
  }

  @Test
  void noopTracingReturnsTheSameNoopSpanEveryTime() {
    HttpServerTracing tracing = HttpServerTracing.noop();
    ServerSpan first =
        tracing.start(TestRequest.get("/users/7").header("traceparent", TRACEPARENT));
    ServerSpan second = tracing.start(TestRequest.get("/users/8"));

    assertThat(first).isSameAs(second).isSameAs(NoopServerSpan.INSTANCE);
    assertThat(first.traceId()).isNull();
    assertThat(first.spanId()).isNull();
    assertThat(MDC.get(LogFields.TRACE_ID)).isNull();
    Map<String, String> outgoing = new LinkedHashMap<>();
    first.inject(outgoing::put);
    assertThat(outgoing).isEmpty();
    first.detach();
    first.end(exchange(null, "/users/7", 200, null));
  }

  @Test
  void withoutOpenTelemetryOrExporterTracingIsNoop() {
    HttpServerTracing tracing = HttpServerTracing.create(ObsConfig.empty(), null);

    assertThat(tracing).isSameAs(HttpServerTracing.noop());
    assertThat(tracing.start(TestRequest.get("/users/7"))).isSameAs(NoopServerSpan.INSTANCE);
  }

  @Test
  void disabledTracingStartsNoSpanEvenWithOpenTelemetry() {
    HttpServerTracing tracing = tracing(Map.of("obs.tracing.enabled", "false"));

    assertThat(tracing.start(TestRequest.get("/users/7"))).isSameAs(NoopServerSpan.INSTANCE);
    assertThat(tracing.openTelemetry()).isSameAs(sdk);
  }

  @Test
  void openTelemetryOfTheAppIsUsedAndLeftOpen() {
    HttpServerTracing tracing = tracing(Map.of("obs.tracing.exporter", "logging"));
    tracing.close();

    assertThat(tracing.openTelemetry()).isSameAs(sdk);
    ServerSpan span = tracing.start(TestRequest.get("/users/7"));
    span.detach();
    span.end(exchange(null, "/users/7", 200, null));
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void loggingExporterBuildsAnSdkThatCloseShutsDown() {
    HttpServerTracing tracing =
        HttpServerTracing.create(
            ObsConfig.of(Map.of("obs.tracing.exporter", "logging", "obs.service.name", "shop")),
            null);
    assertThat(tracing.openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
    OpenTelemetrySdk built = (OpenTelemetrySdk) tracing.openTelemetry();
    ServerSpan span = tracing.start(TestRequest.get("/users/7"));
    assertThat(span.traceId()).hasSize(32);
    span.detach();
    span.end(exchange("/users/{id}", "/users/7", 200, null));

    tracing.close();
    tracing.close();

    assertThat(built.getSdkTracerProvider().shutdown().isSuccess()).isTrue();
    ServerSpan after = tracing.start(TestRequest.get("/users/8"));
    // A shut-down SDK hands out invalid spans.
    assertThat(after.traceId()).isEqualTo("00000000000000000000000000000000");
    after.detach();
  }

  @Test
  void otlpExporterBuildsAnSdk() {
    HttpServerTracing tracing =
        HttpServerTracing.create(
            ObsConfig.of(
                Map.of(
                    "obs.tracing.exporter", "otlp",
                    "obs.tracing.otlp.endpoint", "http://127.0.0.1:1",
                    "obs.tracing.sample-ratio", "0")),
            null);
    try {
      assertThat(tracing.openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
      // Ratio 0 samples nothing: nothing is queued for the unreachable collector.
      ServerSpan span = tracing.start(TestRequest.get("/users/7"));
      span.detach();
      span.end(exchange(null, "/users/7", 200, null));
    } finally {
      tracing.close();
    }
  }

  @Test
  void invalidExporterNamesKeyAndAcceptedValues() {
    assertThatThrownBy(
            () ->
                HttpServerTracing.create(
                    ObsConfig.of(Map.of("obs.tracing.exporter", "zipkin")), null))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.tracing.exporter must be one of none, otlp, logging, got 'zipkin'");
  }

  @Test
  void invalidSampleRatioNamesKeyAndRange() {
    assertThatThrownBy(
            () ->
                HttpServerTracing.create(
                    ObsConfig.of(Map.of("obs.tracing.sample-ratio", "1.5")), null))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.tracing.sample-ratio must be a number from 0 to 1 like 0.25, got '1.5'");
    assertThatThrownBy(
            () ->
                HttpServerTracing.create(
                    ObsConfig.of(Map.of("obs.tracing.sample-ratio", "half")), null))
        .hasMessage("obs.tracing.sample-ratio must be a number from 0 to 1 like 0.25, got 'half'");
  }

  @Test
  void invalidEndpointNamesKeyAndExample() {
    assertThatThrownBy(
            () ->
                HttpServerTracing.create(
                    ObsConfig.of(Map.of("obs.tracing.otlp.endpoint", "localhost:4318")), null))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.tracing.otlp.endpoint must be an http or https URL like http://localhost:4318,"
                + " got 'localhost:4318'");
  }

  @Test
  void invalidBooleansNameTheirKeys() {
    assertThatThrownBy(
            () ->
                HttpServerTracing.create(ObsConfig.of(Map.of("obs.tracing.enabled", "yes")), null))
        .hasMessage("obs.tracing.enabled must be true or false, got 'yes'");
    assertThatThrownBy(
            () ->
                HttpServerTracing.create(
                    ObsConfig.of(Map.of("obs.tracing.include-obs-endpoints", "1")), null))
        .hasMessage("obs.tracing.include-obs-endpoints must be true or false, got '1'");
  }

  @Test
  void missingExporterArtifactIsNamed() {
    assertThatThrownBy(
            () ->
                SdkTracing.requireClass(
                    "io.opentelemetry.exporter.otlp.http.trace.Missing",
                    "io.opentelemetry:opentelemetry-exporter-otlp",
                    "otlp"))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.tracing.exporter=otlp needs io.opentelemetry:opentelemetry-exporter-otlp on the"
                + " classpath; add that dependency or set obs.tracing.exporter to none");
  }

  @Test
  void otlpEndpointGetsTheTracesPath() {
    assertThat(settings("http://collector:4318").otlpTracesUrl())
        .isEqualTo("http://collector:4318/v1/traces");
    assertThat(settings("http://collector:4318/").otlpTracesUrl())
        .isEqualTo("http://collector:4318/v1/traces");
    assertThat(settings("https://collector/v1/traces").otlpTracesUrl())
        .isEqualTo("https://collector/v1/traces");
  }

  private static TracingSettings settings(String endpoint) {
    return TracingSettings.fromConfig(ObsConfig.of(Map.of("obs.tracing.otlp.endpoint", endpoint)));
  }

  @Test
  void defaultsAreDocumentedValues() {
    TracingSettings defaults = TracingSettings.fromConfig(ObsConfig.empty());

    assertThat(defaults)
        .isEqualTo(
            new TracingSettings(
                true,
                TracingSettings.Exporter.NONE,
                "http://localhost:4318",
                1.0,
                false,
                "unknown_service:java"));
  }
}
