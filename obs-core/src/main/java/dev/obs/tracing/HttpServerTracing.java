package dev.obs.tracing;

import dev.obs.config.ObsConfig;
import dev.obs.http.HttpMetricsOptions;
import dev.obs.http.HttpRequestView;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Traces HTTP server requests with OpenTelemetry: one SERVER span per request, named {@code METHOD
 * route}, with semantic-convention attributes, continuing an incoming W3C {@code traceparent}, and
 * with {@code trace_id} and {@code span_id} in the SLF4J MDC while the handler runs. Requests to
 * obs's own endpoints (probes and scrapes) get no span unless {@code
 * obs.tracing.include-obs-endpoints} is true.
 *
 * <p>It uses the {@link OpenTelemetry} the application passes, else the one the Java agent or the
 * application registered globally, else builds an SDK when {@code obs.tracing.exporter} is {@code
 * otlp} or {@code logging}, else does nothing. An SDK it built is shut down by {@link #close()}.
 *
 * <pre>{@code
 * HttpServerTracing tracing = HttpServerTracing.create(config, null);
 * ServerSpan span = tracing.start(requestView);
 * try {
 *   handle(request);
 * } finally {
 *   span.detach();
 * }
 * span.end(new HttpExchange("GET", "/users/{id}", "/users/7", 200, nanos, null, requestId));
 * }</pre>
 */
public final class HttpServerTracing implements AutoCloseable {
  private static final String INSTRUMENTATION_NAME = "dev.obs";

  // Matches exactly obs's own endpoints, the paths left out unless configured.
  private static final HttpMetricsOptions OBS_ENDPOINTS =
      HttpMetricsOptions.builder().recordObsEndpoints(false).build();

  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private static final HttpServerTracing NOOP =
      new HttpServerTracing(OpenTelemetry.noop(), false, false, null);

  private final OpenTelemetry openTelemetry;
  private final @Nullable Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean includeObsEndpoints;
  private final @Nullable Runnable closer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpServerTracing(
      OpenTelemetry openTelemetry,
      boolean enabled,
      boolean includeObsEndpoints,
      @Nullable Runnable closer) {
    this.openTelemetry = openTelemetry;
    // A no-op provider makes only invalid spans: skip the work and allocate nothing per request.
    this.tracer =
        enabled && openTelemetry.getTracerProvider() != TracerProvider.noop()
            ? openTelemetry.getTracer(INSTRUMENTATION_NAME)
            : null;
    TextMapPropagator configured = openTelemetry.getPropagators().getTextMapPropagator();
    // An OpenTelemetry built without propagators still continues and sends W3C trace context.
    this.propagator =
        configured.fields().isEmpty() ? W3CTraceContextPropagator.getInstance() : configured;
    this.includeObsEndpoints = includeObsEndpoints;
    this.closer = closer;
  }

  /**
   * Builds the tracing from the {@code obs.tracing.*} keys, validating all of them.
   *
   * <ul>
   *   <li>{@code obs.tracing.enabled}: {@code true} or {@code false}; the default is true.
   *   <li>{@code obs.tracing.exporter}: {@code none}, {@code otlp} or {@code logging}; the default
   *       is none. Only read when neither {@code openTelemetry} nor a global one is set.
   *   <li>{@code obs.tracing.otlp.endpoint}: the collector's OTLP/HTTP base URL; the default is
   *       {@code http://localhost:4318} (spans go to {@code /v1/traces}).
   *   <li>{@code obs.tracing.sample-ratio}: from 0 to 1; the default is 1. Only for an SDK obs
   *       builds.
   *   <li>{@code obs.tracing.include-obs-endpoints}: whether probes and scrapes get spans; the
   *       default is false.
   *   <li>{@code obs.service.name}: the {@code service.name} of an SDK obs builds; the default is
   *       {@code unknown_service:java}.
   * </ul>
   *
   * @param config the configuration
   * @param openTelemetry the application's OpenTelemetry, or {@code null} to use the global one or
   *     the exporter key
   * @return the tracing; close it with the {@code Obs} that owns it
   * @throws dev.obs.config.ObsConfigException naming the key when a value is invalid, or the
   *     missing artifact when the exporter's classes are not on the classpath
   */
  public static HttpServerTracing create(ObsConfig config, @Nullable OpenTelemetry openTelemetry) {
    TracingSettings settings = TracingSettings.fromConfig(config);
    OpenTelemetry given = openTelemetry;
    if (given == null && GlobalOpenTelemetry.isSet()) {
      given = GlobalOpenTelemetry.get();
    }
    if (given != null) {
      return new HttpServerTracing(given, settings.enabled(), settings.includeObsEndpoints(), null);
    }
    if (!settings.enabled() || settings.exporter() == TracingSettings.Exporter.NONE) {
      return NOOP;
    }
    String exporter = settings.exporter().name().toLowerCase(Locale.ROOT);
    SdkTracing.requireClass(
        "io.opentelemetry.sdk.OpenTelemetrySdk", "io.opentelemetry:opentelemetry-sdk", exporter);
    if (settings.exporter() == TracingSettings.Exporter.OTLP) {
      SdkTracing.requireClass(
          "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter",
          "io.opentelemetry:opentelemetry-exporter-otlp",
          exporter);
    } else {
      SdkTracing.requireClass(
          "io.opentelemetry.exporter.logging.LoggingSpanExporter",
          "io.opentelemetry:opentelemetry-exporter-logging",
          exporter);
    }
    SdkTracing.Built sdk = SdkTracing.build(settings);
    return new HttpServerTracing(
        sdk.openTelemetry(), true, settings.includeObsEndpoints(), sdk.closer());
  }

  /**
   * Returns tracing that starts no spans.
   *
   * @return the shared no-op instance
   */
  public static HttpServerTracing noop() {
    return NOOP;
  }

  /**
   * Starts the SERVER span of a request: extracts the W3C context from its headers, makes the span
   * current on this thread and puts {@code trace_id} and {@code span_id} into the SLF4J MDC. When
   * tracing is off or the path is one of obs's own endpoints, returns a shared no-op span and
   * allocates nothing. When a span is already current (the Java agent's), that span is joined
   * rather than a second SERVER span started.
   *
   * @param request the incoming request
   * @return the span; call {@link ServerSpan#detach()} and {@link ServerSpan#end} on it
   */
  public ServerSpan start(HttpRequestView request) {
    return tracesRequests() ? startTraced(request) : NoopServerSpan.INSTANCE;
  }

  /**
   * Tells whether requests get spans at all: tracing is on and the tracer provider records. When
   * false, {@link #start} always returns the no-op span, so adapters may skip building the request
   * view.
   *
   * @return true when requests are traced
   */
  public boolean tracesRequests() {
    return tracer != null;
  }

  private ServerSpan startTraced(HttpRequestView request) {
    Tracer t = tracer;
    if (t == null || (!includeObsEndpoints && OBS_ENDPOINTS.isExcluded(request.path()))) {
      return NoopServerSpan.INSTANCE;
    }
    String method = request.method();
    boolean known = KNOWN_METHODS.contains(method);
    String spanMethod = known ? method : "HTTP";
    Span current = Span.current();
    if (current.getSpanContext().isValid()) {
      return new RecordingServerSpan(current, Context.current(), propagator, spanMethod, false)
          .attach();
    }
    Context parent = propagator.extract(Context.root(), request, RequestHeaders.INSTANCE);
    SpanBuilder builder =
        t.spanBuilder(spanMethod)
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, known ? method : "_OTHER")
            .setAttribute(UrlAttributes.URL_PATH, request.path());
    if (!known) {
      builder.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, method);
    }
    setUrlAttributes(builder, request.url());
    String userAgent = request.header("User-Agent");
    if (userAgent != null) {
      builder.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, userAgent);
    }
    String client = request.remoteAddress();
    if (client != null) {
      builder.setAttribute(ClientAttributes.CLIENT_ADDRESS, client);
    }
    Span span = builder.startSpan();
    return new RecordingServerSpan(span, parent.with(span), propagator, spanMethod, true).attach();
  }

  // url.scheme, server.address and server.port from a URL like https://[::1]:8443/users/7.
  private static void setUrlAttributes(SpanBuilder builder, String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0) {
      return;
    }
    builder.setAttribute(UrlAttributes.URL_SCHEME, url.substring(0, schemeEnd));
    int hostStart = schemeEnd + 3;
    int hostEnd = url.indexOf('/', hostStart);
    String authority = url.substring(hostStart, hostEnd < 0 ? url.length() : hostEnd);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    int colon = authority.lastIndexOf(':');
    if (colon > authority.lastIndexOf(']')) {
      try {
        builder.setAttribute(
            ServerAttributes.SERVER_PORT, Long.parseLong(authority.substring(colon + 1)));
      } catch (NumberFormatException e) {
        // leave the port out rather than fail a request
      }
      authority = authority.substring(0, colon);
    }
    if (!authority.isEmpty()) {
      builder.setAttribute(ServerAttributes.SERVER_ADDRESS, authority);
    }
  }

  /**
   * Returns the OpenTelemetry in use: the application's, the global one, the SDK obs built, or a
   * no-op.
   *
   * @return the OpenTelemetry
   */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /**
   * Shuts down the SDK if this instance built it, flushing queued spans with a bounded wait of 5
   * seconds. An OpenTelemetry given by the application or the agent is left open. Idempotent.
   */
  @Override
  public void close() {
    if (closer != null && closed.compareAndSet(false, true)) {
      closer.run();
    }
  }
}
