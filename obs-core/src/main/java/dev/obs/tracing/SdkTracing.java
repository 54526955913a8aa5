package dev.obs.tracing;

import dev.obs.config.ObsConfigException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the OpenTelemetry SDK that obs owns when {@code obs.tracing.exporter} asks for one. The
 * only class of obs that links SDK and exporter types: it is loaded only after {@link
 * #requireClass} confirmed they are present.
 */
final class SdkTracing {
  private static final Logger log = LoggerFactory.getLogger(SdkTracing.class);
  private static final long SHUTDOWN_SECONDS = 5;

  private SdkTracing() {}

  /** An SDK and how to close it. */
  record Built(OpenTelemetry openTelemetry, Runnable closer) {}

  /** Checks that the classes an exporter needs are present, before {@link #build} links them. */
  static void requireClass(String className, String artifact, String exporter) {
    try {
      Class.forName(className, false, SdkTracing.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ObsConfigException(
          "obs.tracing.exporter",
          "obs.tracing.exporter="
              + exporter
              + " needs "
              + artifact
              + " on the classpath; add that dependency or set obs.tracing.exporter to none");
    }
  }

  static Built build(TracingSettings settings) {
    SpanProcessor processor =
        switch (settings.exporter()) {
          case OTLP ->
              BatchSpanProcessor.builder(
                      OtlpHttpSpanExporter.builder().setEndpoint(settings.otlpTracesUrl()).build())
                  .build();
          // Simple: a developer reading the log wants each span as it ends.
          case LOGGING -> SimpleSpanProcessor.create(LoggingSpanExporter.create());
          case NONE -> throw new IllegalStateException("no SDK is built for exporter none");
        };
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(ServiceAttributes.SERVICE_NAME, settings.serviceName()))))
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
            .addSpanProcessor(processor)
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
            .build();
    return new Built(
        sdk,
        () -> {
          // Shutting down flushes the spans still queued; waiting is bounded so close never hangs.
          if (!sdk.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS).isSuccess()) {
            log.warn(
                "obs tracing: the OpenTelemetry SDK did not shut down within {} s; queued spans"
                    + " may be lost",
                SHUTDOWN_SECONDS);
          }
        });
  }
}
