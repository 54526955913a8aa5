package dev.obs.testkit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the captured spans that matched so far, such as the SERVER spans with a given name.
 * Each {@code with…} call keeps only the spans that satisfy it and fails when none is left, so a
 * chain asserts that one span satisfies every condition. Obtain it from {@link
 * SpansAssert#hasServerSpan(String)}.
 *
 * <pre>{@code
 * assertThat(spans)
 *     .hasServerSpan("GET /orders/{id}")
 *     .withStatus(StatusCode.ERROR)
 *     .withAttribute("error.type", "java.lang.IllegalStateException")
 *     .withParentSpanId("00f067aa0ba902b7");
 * }</pre>
 */
public final class SpanAssert extends AbstractAssert<SpanAssert, List<SpanData>> {
  private final String description;
  private final List<SpanData> all;

  SpanAssert(List<SpanData> matching, String description, List<SpanData> all) {
    super(matching, SpanAssert.class);
    this.description = description;
    this.all = all;
  }

  /**
   * Verifies that the span has a string attribute with the value.
   *
   * @param key the attribute name, such as {@code http.route}
   * @param value the expected value
   * @return an assert on the spans that have it
   * @throws AssertionError when no matching span has it
   */
  public SpanAssert withAttribute(String key, String value) {
    return narrow(
        s -> value.equals(s.getAttributes().get(AttributeKey.stringKey(key))),
        "attribute " + key + "=" + value);
  }

  /**
   * Verifies that the span has a numeric attribute with the value.
   *
   * @param key the attribute name, such as {@code http.response.status_code}
   * @param value the expected value
   * @return an assert on the spans that have it
   * @throws AssertionError when no matching span has it
   */
  public SpanAssert withAttribute(String key, long value) {
    return narrow(
        s -> Objects.equals(value, s.getAttributes().get(AttributeKey.longKey(key))),
        "attribute " + key + "=" + value);
  }

  /**
   * Verifies that the span does not have the attribute, of any type.
   *
   * @param key the attribute name, such as {@code error.type}
   * @return an assert on the spans without it
   * @throws AssertionError when every matching span has it
   */
  public SpanAssert withoutAttribute(String key) {
    return narrow(
        s -> s.getAttributes().asMap().keySet().stream().noneMatch(k -> k.getKey().equals(key)),
        "no attribute " + key);
  }

  /**
   * Verifies the span's status code.
   *
   * @param status {@code UNSET}, {@code OK} or {@code ERROR}
   * @return an assert on the spans with that status
   * @throws AssertionError when no matching span has it
   */
  public SpanAssert withStatus(StatusCode status) {
    return narrow(s -> s.getStatus().getStatusCode() == status, "status " + status);
  }

  /**
   * Verifies the span's trace id.
   *
   * @param traceId 32 lower-case hex characters
   * @return an assert on the spans in that trace
   * @throws AssertionError when no matching span is in it
   */
  public SpanAssert withTraceId(String traceId) {
    return narrow(s -> s.getTraceId().equals(traceId), "trace id " + traceId);
  }

  /**
   * Verifies the span's parent, such as the span id of an incoming {@code traceparent}.
   *
   * @param parentSpanId 16 lower-case hex characters
   * @return an assert on the spans with that parent
   * @throws AssertionError when no matching span has it
   */
  public SpanAssert withParentSpanId(String parentSpanId) {
    return narrow(s -> s.getParentSpanId().equals(parentSpanId), "parent span id " + parentSpanId);
  }

  /**
   * Verifies that the span has no parent: it started a new trace.
   *
   * @return an assert on the spans without a parent
   * @throws AssertionError when every matching span has a parent
   */
  public SpanAssert withoutParent() {
    return narrow(s -> !s.getParentSpanContext().isValid(), "no parent");
  }

  /**
   * Returns the first span that satisfied every condition so far, for checks the assert lacks.
   *
   * @return the span
   */
  public SpanData span() {
    return actual.get(0);
  }

  private SpanAssert narrow(Predicate<SpanData> condition, String what) {
    List<SpanData> kept = actual.stream().filter(condition).toList();
    if (kept.isEmpty()) {
      throw Failures.failed(
          info, "Expected a %s with %s but %s", description, what, SpanFormat.describe(all));
    }
    return new SpanAssert(kept, description + " with " + what, all);
  }
}
