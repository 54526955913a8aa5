package dev.obs.testkit;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one {@link HealthResult}: its status, message and details. Obtain it from {@link
 * AbstractHealthReportAssert#check(String)}, whose failures also list every check of the report, or
 * from {@link ObsAssertions#assertThat(HealthResult)}, whose failures show the result.
 *
 * <pre>{@code
 * assertThat(obs.health())
 *     .check("db")
 *     .isUp()
 *     .hasDetail("database", "PostgreSQL")
 *     .hasDetailKey("latency_ms");
 * }</pre>
 */
public final class HealthResultAssert extends AbstractAssert<HealthResultAssert, HealthResult> {
  private final String subject;
  private final @Nullable String reportContext;

  /**
   * Creates the assert.
   *
   * @param result the result
   * @param subject names the result in messages, such as {@code check 'redis'}
   * @param reportContext the end of every failure message, listing the report's checks; {@code
   *     null} for a result given directly, whose failures end with the result itself
   */
  HealthResultAssert(
      @Nullable HealthResult result, String subject, @Nullable String reportContext) {
    super(result, HealthResultAssert.class);
    this.subject = subject;
    this.reportContext = reportContext;
  }

  /**
   * Verifies that the status is UP.
   *
   * @return this assert
   * @throws AssertionError when the status is DEGRADED or DOWN
   */
  public HealthResultAssert isUp() {
    return hasStatus(HealthStatus.UP);
  }

  /**
   * Verifies that the status is DEGRADED.
   *
   * @return this assert
   * @throws AssertionError when the status is UP or DOWN
   */
  public HealthResultAssert isDegraded() {
    return hasStatus(HealthStatus.DEGRADED);
  }

  /**
   * Verifies that the status is DOWN, as it is for a check that threw or timed out.
   *
   * @return this assert
   * @throws AssertionError when the status is UP or DEGRADED
   */
  public HealthResultAssert isDown() {
    return hasStatus(HealthStatus.DOWN);
  }

  /**
   * Verifies the status. A check's own status is shown, so a non-critical check that is DOWN is
   * DOWN here even though its group is only DEGRADED.
   *
   * @param expected the expected status
   * @return this assert
   * @throws AssertionError when the status differs
   */
  public HealthResultAssert hasStatus(HealthStatus expected) {
    Objects.requireNonNull(expected, "expected");
    isNotNull();
    if (actual.status() != expected) {
      throw failureWithActualExpected(
          actual.status(),
          expected,
          "%s",
          "Expected " + subject + " to be " + expected + " but was " + actual.status() + context());
    }
    return this;
  }

  /**
   * Verifies the message, exactly.
   *
   * @param expected the expected message, such as {@code timed out after 2000 ms}
   * @return this assert
   * @throws AssertionError when the message differs or there is none
   */
  public HealthResultAssert hasMessage(String expected) {
    Objects.requireNonNull(expected, "expected");
    isNotNull();
    String message = actual.message();
    String expectation = "Expected " + subject + " to have message " + HealthFormat.quote(expected);
    if (message == null) {
      throw Failures.failed(info, "%s", expectation + " but it has no message" + context());
    }
    if (!message.equals(expected)) {
      throw failureWithActualExpected(
          message,
          expected,
          "%s",
          expectation + " but was " + HealthFormat.quote(message) + context());
    }
    return this;
  }

  /**
   * Verifies that the message contains some text.
   *
   * @param part the text, such as {@code timed out}
   * @return this assert
   * @throws AssertionError when the message does not contain it or there is none
   */
  public HealthResultAssert hasMessageContaining(String part) {
    Objects.requireNonNull(part, "part");
    isNotNull();
    String message = actual.message();
    String expectation =
        "Expected " + subject + " to have a message containing " + HealthFormat.quote(part);
    if (message == null) {
      throw Failures.failed(info, "%s", expectation + " but it has no message" + context());
    }
    if (!message.contains(part)) {
      throw Failures.failed(
          info, "%s", expectation + " but was " + HealthFormat.quote(message) + context());
    }
    return this;
  }

  /**
   * Verifies one detail's value. Numbers compare by value, so {@code 3} matches a detail of {@code
   * 3L}; other values compare with {@code equals}.
   *
   * @param key the detail's name, such as {@code database}
   * @param expected the expected value
   * @return this assert
   * @throws AssertionError when the detail is missing or has another value
   */
  public HealthResultAssert hasDetail(String key, Object expected) {
    Objects.requireNonNull(key, "key");
    isNotNull();
    String expectation =
        "Expected "
            + subject
            + " to have detail '"
            + key
            + "' equal to "
            + HealthFormat.value(expected);
    if (!actual.details().containsKey(key)) {
      throw Failures.failed(
          info, "%s", expectation + " but it has no such detail" + detailsContext());
    }
    Object value = actual.details().get(key);
    if (!HealthFormat.sameValue(value, expected)) {
      throw failureWithActualExpected(
          value,
          expected,
          "%s",
          expectation + " but was " + HealthFormat.value(value) + detailsContext());
    }
    return this;
  }

  /**
   * Verifies that a detail is present, whatever its value, such as a measured latency.
   *
   * @param key the detail's name, such as {@code latency_ms}
   * @return this assert
   * @throws AssertionError when the detail is missing
   */
  public HealthResultAssert hasDetailKey(String key) {
    Objects.requireNonNull(key, "key");
    isNotNull();
    if (!actual.details().containsKey(key)) {
      throw Failures.failed(
          info,
          "%s",
          "Expected "
              + subject
              + " to have detail '"
              + key
              + "' but it has none"
              + detailsContext());
    }
    return this;
  }

  /** The end of a failure message: the report's checks, or the result itself. */
  private String context() {
    return reportContext != null ? reportContext : "; result: " + HealthFormat.result(actual);
  }

  /** Like {@link #context()}, with the result's details first when the report is shown. */
  private String detailsContext() {
    return reportContext != null
        ? "; details: " + HealthFormat.details(actual) + reportContext
        : context();
  }
}
