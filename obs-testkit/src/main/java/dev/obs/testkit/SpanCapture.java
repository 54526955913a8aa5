package dev.obs.testkit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * An OpenTelemetry SDK that keeps every finished span in memory, for assertions. Spans are exported
 * synchronously when they end, so a test can assert right after the request returns. It uses W3C
 * trace context and baggage propagation, samples everything and is not registered globally. Close
 * it to shut the SDK down.
 *
 * <pre>{@code
 * try (SpanCapture spans = SpanCapture.create()) {
 *   HttpServerTracing tracing = HttpServerTracing.create(config, spans.openTelemetry());
 *   client.send(request);
 *   assertThat(spans).hasServerSpan("GET /users/{id}").withAttribute("http.route", "/users/{id}");
 * }
 * }</pre>
 */
public final class SpanCapture implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk;

  private SpanCapture() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
            .build();
  }

  /**
   * Creates a capture with its own SDK.
   *
   * @return the capture, ready to record
   */
  public static SpanCapture create() {
    return new SpanCapture();
  }

  /**
   * Returns the OpenTelemetry to give to the code under test.
   *
   * @return the capturing SDK
   */
  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /**
   * Returns the spans that ended so far, in the order they ended.
   *
   * @return an unmodifiable snapshot
   */
  public List<SpanData> spans() {
    return List.copyOf(exporter.getFinishedSpanItems());
  }

  /** Forgets the spans captured so far. */
  public void clear() {
    exporter.reset();
  }

  /** Shuts the SDK down; spans ending afterwards are not captured. */
  @Override
  public void close() {
    sdk.close();
  }
}
