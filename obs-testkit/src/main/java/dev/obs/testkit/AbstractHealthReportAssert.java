package dev.obs.testkit;

import dev.obs.health.CheckOptions;
import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * The part shared by {@link HealthRegistryAssert} and {@link HealthReportAssert}: assertions on a
 * {@link HealthReport}'s aggregate status and the selection of one check's result.
 *
 * <p>Every failure ends with the report, each check with its status and message, such as {@code
 * checks: db UP, redis DOWN "timed out after 200 ms"}, so a failing test shows what happened.
 *
 * @param <SELF> the concrete assert type, returned for chaining
 * @param <A> the type of the object under test
 */
public abstract class AbstractHealthReportAssert<
        SELF extends AbstractHealthReportAssert<SELF, A>, A>
    extends AbstractAssert<SELF, A> {

  AbstractHealthReportAssert(@Nullable A actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** Returns the report the assertions are about, running the checks first when needed. */
  abstract HealthReport report();

  /** Names the report in messages, such as {@code health (all checks)}. */
  abstract String subject();

  /** The registry the report came from, or {@code null} for a report given directly. */
  abstract @Nullable HealthRegistry registry();

  /**
   * Verifies that the aggregate status is UP: every check is UP.
   *
   * @return this assert
   * @throws AssertionError when the status is DEGRADED or DOWN
   */
  public SELF isUp() {
    return hasStatus(HealthStatus.UP);
  }

  /**
   * Verifies that the aggregate status is DEGRADED: no critical check is DOWN, but a non-critical
   * check is DOWN or some check is DEGRADED.
   *
   * @return this assert
   * @throws AssertionError when the status is UP or DOWN
   */
  public SELF isDegraded() {
    return hasStatus(HealthStatus.DEGRADED);
  }

  /**
   * Verifies that the aggregate status is DOWN: a critical check is DOWN.
   *
   * @return this assert
   * @throws AssertionError when the status is UP or DEGRADED
   */
  public SELF isDown() {
    return hasStatus(HealthStatus.DOWN);
  }

  /**
   * Verifies the aggregate status.
   *
   * @param expected the expected status
   * @return this assert
   * @throws AssertionError when the status differs; the message lists every check
   */
  public SELF hasStatus(HealthStatus expected) {
    Objects.requireNonNull(expected, "expected");
    HealthReport report = checkedReport();
    if (report.status() != expected) {
      throw failureWithActualExpected(
          report.status(),
          expected,
          "%s",
          "Expected "
              + subject()
              + " to be "
              + expected
              + " but was "
              + report.status()
              + "; checks: "
              + checksText(report));
    }
    return myself;
  }

  /**
   * Verifies that the report holds a check with this name.
   *
   * @param name the check's name, such as {@code redis}
   * @return this assert
   * @throws AssertionError when there is no such check; the message lists the checks there are
   */
  public SELF hasCheck(String name) {
    result(name);
    return myself;
  }

  /**
   * Selects one check's result for further assertions; its failures also show the whole report.
   *
   * <pre>{@code
   * assertThat(obs.health()).check("redis").isDown().hasMessageContaining("timed out");
   * }</pre>
   *
   * @param name the check's name, such as {@code redis}
   * @return an assert on that check's result
   * @throws AssertionError when there is no such check; the message lists the checks there are
   */
  public HealthResultAssert check(String name) {
    HealthResult result = result(name);
    HealthReport report = report();
    HealthResultAssert check =
        new HealthResultAssert(result, "check '" + name + "'", "; checks: " + checksText(report));
    if (info.hasDescription()) {
      check.as(info.description());
    }
    return check;
  }

  private HealthResult result(String name) {
    Objects.requireNonNull(name, "name");
    HealthReport report = checkedReport();
    HealthResult result = report.check(name);
    if (result == null) {
      throw Failures.failed(info, "%s", missingMessage(name, report));
    }
    return result;
  }

  private String missingMessage(String name, HealthReport report) {
    StringBuilder message =
        new StringBuilder("Expected ")
            .append(subject())
            .append(" to have a check named '")
            .append(name)
            .append("' but found none; checks: ")
            .append(checksText(report));
    HealthRegistry registry = registry();
    CheckOptions options = registry == null ? null : registry.options(name);
    if (options != null) {
      message
          .append("; '")
          .append(name)
          .append("' is registered in groups ")
          .append(options.groups().stream().sorted().toList());
    }
    return message.toString();
  }

  private HealthReport checkedReport() {
    isNotNull();
    return report();
  }

  private String checksText(HealthReport report) {
    return HealthFormat.checks(report, registry());
  }
}
