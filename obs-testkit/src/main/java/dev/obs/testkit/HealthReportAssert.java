package dev.obs.testkit;

import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link HealthReport}: its aggregate status and each check's result. Obtain it
 * from {@link ObsAssertions#assertThat(HealthReport)}, or from {@link
 * HealthRegistryAssert#group(String)} for one group of a registry.
 *
 * <pre>{@code
 * HealthReport ready = obs.health().checkGroup(CheckOptions.READINESS);
 * assertThat(ready).isDegraded().check("cache").isDown().hasMessage("connection refused");
 * }</pre>
 */
public final class HealthReportAssert
    extends AbstractHealthReportAssert<HealthReportAssert, HealthReport> {
  private final String subject;
  private final @Nullable HealthRegistry registry;

  HealthReportAssert(
      @Nullable HealthReport report, String subject, @Nullable HealthRegistry registry) {
    super(report, HealthReportAssert.class);
    this.subject = subject;
    this.registry = registry;
  }

  @Override
  HealthReport report() {
    return actual;
  }

  @Override
  String subject() {
    return subject;
  }

  @Override
  @Nullable HealthRegistry registry() {
    return registry;
  }
}
