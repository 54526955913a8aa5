package dev.obs.testkit;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the spans of a {@link SpanCapture}. Obtain it from {@link
 * ObsAssertions#assertThat(SpanCapture)}; failures list every captured span with its kind, status,
 * ids and attributes.
 *
 * <pre>{@code
 * assertThat(spans)
 *     .hasServerSpan("GET /users/{id}")
 *     .withAttribute("http.response.status_code", 200)
 *     .withTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
 * }</pre>
 */
public final class SpansAssert extends AbstractAssert<SpansAssert, SpanCapture> {
  SpansAssert(@Nullable SpanCapture capture) {
    super(capture, SpansAssert.class);
  }

  /**
   * Verifies that some SERVER span has the name, and narrows the assertions to those spans.
   *
   * @param name the span name, such as {@code GET /users/{id}}
   * @return an assert on the SERVER spans with that name
   * @throws AssertionError when there is none
   */
  public SpanAssert hasServerSpan(String name) {
    List<SpanData> all = spans();
    List<SpanData> matching =
        all.stream()
            .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().equals(name))
            .toList();
    if (matching.isEmpty()) {
      throw Failures.failed(
          info, "Expected a SERVER span named '%s' but %s", name, SpanFormat.describe(all));
    }
    return new SpanAssert(matching, "SERVER span named '" + name + "'", all);
  }

  /**
   * Verifies that no span was captured, such as for a request to an excluded path.
   *
   * @return this assert
   * @throws AssertionError when some span was captured
   */
  public SpansAssert hasNoSpans() {
    List<SpanData> all = spans();
    if (!all.isEmpty()) {
      throw Failures.failed(info, "Expected no spans but %s", SpanFormat.describe(all));
    }
    return this;
  }

  /**
   * Verifies how many spans were captured.
   *
   * @param expected the number of spans
   * @return this assert
   * @throws AssertionError when the number differs
   */
  public SpansAssert hasSpanCount(int expected) {
    List<SpanData> all = spans();
    if (all.size() != expected) {
      throw Failures.failed(
          info,
          "Expected %d spans but %d were captured; %s",
          expected,
          all.size(),
          SpanFormat.describe(all));
    }
    return this;
  }

  private List<SpanData> spans() {
    isNotNull();
    return actual.spans();
  }
}
