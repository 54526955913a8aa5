package dev.obs.testkit;

import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the checks of a {@link HealthRegistry}. Obtain it from {@link
 * ObsAssertions#assertThat(HealthRegistry)}.
 *
 * <p>The first assertion runs {@link HealthRegistry#checkAll()} once, and every assertion on this
 * object is about that one report, so a chain sees one consistent state; start a new {@code
 * assertThat} to see the checks run again. {@link #group(String)} runs one group instead.
 *
 * <pre>{@code
 * assertThat(obs.health()).isDown().check("redis").isDown().hasMessageContaining("timed out");
 * assertThat(obs.health()).group(CheckOptions.LIVENESS).isUp();
 * }</pre>
 */
public final class HealthRegistryAssert
    extends AbstractHealthReportAssert<HealthRegistryAssert, HealthRegistry> {
  private @Nullable HealthReport report;

  HealthRegistryAssert(@Nullable HealthRegistry registry) {
    super(registry, HealthRegistryAssert.class);
  }

  /**
   * Runs the checks of one group and starts assertions on that group's report; while the registry
   * is draining, the readiness report holds a DOWN check named {@code shutdown}.
   *
   * @param name a group such as {@link dev.obs.health.CheckOptions#READINESS}, {@link
   *     dev.obs.health.CheckOptions#LIVENESS} or a custom one
   * @return an assert on the group's report; an unknown or empty group is UP with no checks
   */
  public HealthReportAssert group(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    HealthReportAssert group =
        new HealthReportAssert(actual.checkGroup(name), "health group '" + name + "'", actual);
    if (info.hasDescription()) {
      group.as(info.description());
    }
    return group;
  }

  @Override
  synchronized HealthReport report() {
    HealthReport r = report;
    if (r == null) {
      r = actual.checkAll();
      report = r;
    }
    return r;
  }

  @Override
  String subject() {
    return "health (all checks)";
  }

  @Override
  HealthRegistry registry() {
    return actual;
  }
}
