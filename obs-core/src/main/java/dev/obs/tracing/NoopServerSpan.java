package dev.obs.tracing;

import dev.obs.http.HttpExchange;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** The span of a request that is not traced: one shared instance that does nothing. */
enum NoopServerSpan implements ServerSpan {
  INSTANCE;

  @Override
  public @Nullable String traceId() {
    return null;
  }

  @Override
  public @Nullable String spanId() {
    return null;
  }

  @Override
  public void detach() {}

  @Override
  public void end(HttpExchange exchange) {}

  @Override
  public void inject(BiConsumer<String, String> headerSetter) {}
}
