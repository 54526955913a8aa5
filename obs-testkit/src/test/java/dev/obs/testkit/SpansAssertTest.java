package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.http.HttpExchange;
import dev.obs.http.HttpRequestView;
import dev.obs.tracing.HttpServerTracing;
import dev.obs.tracing.ServerSpan;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpansAssertTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";

  private final SpanCapture spans = SpanCapture.create();
  private final HttpServerTracing tracing =
      HttpServerTracing.create(ObsConfig.empty(), spans.openTelemetry());

  @AfterEach
  void close() {
    spans.close();
  }

  private void request(
      String path,
      @Nullable String route,
      int status,
      @Nullable Throwable error,
      String... headers) {
    ServerSpan span = tracing.start(new Request(path, headers));
    span.detach();
    span.end(new HttpExchange("GET", route, path, status, 1_000, error, null));
  }

  @Test
  void serverSpanIsFoundByNameAndCheckedByValue() {
    request(
        "/users/7",
        "/users/{id}",
        200,
        null,
        "traceparent",
        "00-" + TRACE_ID + "-" + PARENT_ID + "-01");

    assertThat(spans)
        .hasSpanCount(1)
        .hasServerSpan("GET /users/{id}")
        .withAttribute("http.route", "/users/{id}")
        .withAttribute("http.response.status_code", 200)
        .withoutAttribute("error.type")
        .withStatus(StatusCode.UNSET)
        .withTraceId(TRACE_ID)
        .withParentSpanId(PARENT_ID);
  }

  @Test
  void conditionsNarrowToOneSpanThatSatisfiesAll() {
    request("/users/7", "/users/{id}", 200, null);
    request("/users/8", "/users/{id}", 500, new IllegalStateException("boom"));

    SpanData failed =
        assertThat(spans)
            .hasServerSpan("GET /users/{id}")
            .withStatus(StatusCode.ERROR)
            .withAttribute("url.path", "/users/8")
            .withAttribute("error.type", "java.lang.IllegalStateException")
            .withoutParent()
            .span();
    assertThat(failed.getEvents()).hasSize(1);
    assertThatThrownBy(
            () ->
                assertThat(spans)
                    .hasServerSpan("GET /users/{id}")
                    .withStatus(StatusCode.ERROR)
                    .withAttribute("url.path", "/users/7"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expected a SERVER span named 'GET /users/{id}' with status ERROR with attribute"
                + " url.path=/users/7 but captured spans:");
  }

  @Test
  void missingSpanFailureListsCapturedSpans() {
    request("/orders", "/orders", 201, null);
    SpanData span = spans.spans().get(0);

    assertThatThrownBy(() -> assertThat(spans).hasServerSpan("GET /users/{id}"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected a SERVER span named 'GET /users/{id}' but captured spans:\n"
                + "  'GET /orders' SERVER status=UNSET trace="
                + span.getTraceId()
                + " span="
                + span.getSpanId()
                + " parent=none {"
                + attributes(span)
                + "}");
  }

  private static String attributes(SpanData span) {
    StringBuilder out = new StringBuilder();
    span.getAttributes()
        .forEach(
            (k, v) ->
                out.append(out.length() == 0 ? "" : ", ").append(k.getKey()).append('=').append(v));
    return out.toString();
  }

  @Test
  void emptyCaptureSaysSo() {
    assertThatThrownBy(() -> assertThat(spans).hasServerSpan("GET /users/{id}"))
        .hasMessage("Expected a SERVER span named 'GET /users/{id}' but no spans were captured");
    assertThatThrownBy(() -> assertThat(spans).hasSpanCount(1))
        .hasMessage("Expected 1 spans but 0 were captured; no spans were captured");
  }

  @Test
  void excludedEndpointsLeaveNoSpans() {
    request("/metrics", null, 200, null);
    request("/readyz", null, 200, null);

    assertThat(spans).hasNoSpans();
  }

  @Test
  void hasNoSpansFailsWithTheSpans() {
    request("/users/7", "/users/{id}", 200, null);

    assertThatThrownBy(() -> assertThat(spans).hasNoSpans())
        .hasMessageStartingWith(
            "Expected no spans but captured spans:\n  'GET /users/{id}' SERVER");
  }

  @Test
  void clearForgetsSpansAndCloseStopsCapturing() {
    request("/users/7", "/users/{id}", 200, null);
    spans.clear();
    assertThat(spans.spans()).isEmpty();

    spans.close();
    request("/users/8", "/users/{id}", 200, null);
    assertThat(spans.spans()).isEmpty();
  }

  /** A GET request with the given header name and value pairs. */
  private record Request(String path, Map<String, String> headers) implements HttpRequestView {
    Request(String path, String... pairs) {
      this(path, toMap(pairs));
    }

    private static Map<String, String> toMap(String... pairs) {
      return pairs.length == 0 ? Map.of() : Map.of(pairs[0], pairs[1]);
    }

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String url() {
      return "http://localhost" + path;
    }

    @Override
    public @Nullable String query() {
      return null;
    }

    @Override
    public @Nullable String header(String name) {
      return headers.get(name);
    }

    @Override
    public Iterable<String> headerNames() {
      return List.copyOf(headers.keySet());
    }

    @Override
    public @Nullable String remoteAddress() {
      return null;
    }

    @Override
    public long contentLength() {
      return -1;
    }

    @Override
    public @Nullable String userPrincipal() {
      return null;
    }
  }
}
