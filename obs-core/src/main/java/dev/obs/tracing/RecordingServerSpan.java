package dev.obs.tracing;

import dev.obs.http.HttpExchange;
import dev.obs.logging.LogFields;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The span of a traced request. When obs started the span it owns it and ends it; when the request
 * arrived with a span already current (the Java agent's server instrumentation) obs joins that
 * span: it adds the route and leaves ending it to its owner.
 */
final class RecordingServerSpan implements ServerSpan {
  private final Span span;
  private final Context context;
  private final TextMapPropagator propagator;
  private final String spanMethod;
  private final boolean owned;
  private final String traceId;
  private final String spanId;
  private final AtomicBoolean ended = new AtomicBoolean();
  private @Nullable Scope scope;

  RecordingServerSpan(
      Span span, Context context, TextMapPropagator propagator, String spanMethod, boolean owned) {
    this.span = span;
    this.context = context;
    this.propagator = propagator;
    this.spanMethod = spanMethod;
    this.owned = owned;
    this.traceId = span.getSpanContext().getTraceId();
    this.spanId = span.getSpanContext().getSpanId();
  }

  /** Makes the span current on this thread and puts its ids into the MDC. */
  RecordingServerSpan attach() {
    if (owned) {
      scope = context.makeCurrent();
    }
    MDC.put(LogFields.TRACE_ID, traceId);
    MDC.put(LogFields.SPAN_ID, spanId);
    return this;
  }

  @Override
  public String traceId() {
    return traceId;
  }

  @Override
  public String spanId() {
    return spanId;
  }

  @Override
  public void detach() {
    Scope s = scope;
    scope = null;
    if (s != null) {
      s.close();
    }
    MDC.remove(LogFields.TRACE_ID);
    MDC.remove(LogFields.SPAN_ID);
  }

  @Override
  public void end(HttpExchange exchange) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    String route = exchange.route();
    if (route != null) {
      span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
      span.updateName(spanMethod + " " + route);
    }
    if (!owned) {
      return;
    }
    int status = exchange.status();
    span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
    Throwable exception = exchange.exception();
    if (exception != null) {
      span.recordException(exception);
      span.setAttribute(ErrorAttributes.ERROR_TYPE, exception.getClass().getName());
      span.setStatus(StatusCode.ERROR);
    } else if (status >= 500) {
      span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  @Override
  public void inject(BiConsumer<String, String> headerSetter) {
    propagator.inject(context, headerSetter, HeaderSetter.INSTANCE);
  }

  /** Adapts a header-setting callback to OpenTelemetry's setter. */
  private enum HeaderSetter implements TextMapSetter<BiConsumer<String, String>> {
    INSTANCE;

    @Override
    public void set(@Nullable BiConsumer<String, String> carrier, String key, String value) {
      if (carrier != null) {
        carrier.accept(key, value);
      }
    }
  }

  @Override
  public String toString() {
    return "ServerSpan{traceId=" + traceId + ", spanId=" + spanId + "}";
  }
}
