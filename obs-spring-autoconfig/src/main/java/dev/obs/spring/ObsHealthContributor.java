package dev.obs.spring;

import dev.obs.health.CheckOptions;
import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * obs's health checks as one composite Actuator contributor, with a child per check. The children
 * are read from the registry on every call, so checks registered after start appear too.
 *
 * <p>Actuator knows no DEGRADED, and its aggregate would turn an unknown status into UNKNOWN, so
 * statuses map the way obs answers {@code /readyz}: DOWN only when the check is critical and DOWN;
 * a DEGRADED check, or a non-critical DOWN one, is UP for Actuator with obs's own status in the
 * detail {@code obs_status}.
 */
final class ObsHealthContributor implements CompositeHealthContributor {
  private final HealthRegistry registry;

  ObsHealthContributor(HealthRegistry registry) {
    this.registry = registry;
  }

  @Override
  public @Nullable HealthContributor getContributor(String name) {
    return registry.names().contains(name) ? indicator(name) : null;
  }

  @Override
  public Stream<Entry> stream() {
    return registry.names().stream().map(name -> new Entry(name, indicator(name)));
  }

  private HealthIndicator indicator(String name) {
    return () -> health(name);
  }

  private Health health(String name) {
    HealthReport report = registry.checkOne(name);
    HealthResult result = report == null ? null : report.check(name);
    if (result == null) {
      return Health.unknown().withDetail("message", "no check named " + name).build();
    }
    CheckOptions options = registry.options(name);
    boolean critical = options == null || options.critical();
    Status status = result.status() == HealthStatus.DOWN && critical ? Status.DOWN : Status.UP;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("obs_status", result.status().name());
    if (result.message() != null) {
      details.put("message", result.message());
    }
    details.put("duration_ms", result.duration().toMillis());
    details.putAll(result.details());
    return Health.status(status).withDetails(details).build();
  }
}
