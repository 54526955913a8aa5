package dev.obs.tracing;

import dev.obs.http.HttpRequestView;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/** Reads propagation headers such as {@code traceparent} from a request view. */
enum RequestHeaders implements TextMapGetter<HttpRequestView> {
  INSTANCE;

  @Override
  public @Nullable String get(@Nullable HttpRequestView carrier, String key) {
    return carrier == null ? null : carrier.header(key);
  }
}
