package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportAssertTest {

  private static HealthReport report(HealthStatus status, Map<String, HealthResult> checks) {
    return new HealthReport(status, checks, Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static Map<String, HealthResult> checks() {
    Map<String, HealthResult> checks = new LinkedHashMap<>();
    checks.put("db", HealthResult.up().withDetail("database", "PostgreSQL"));
    checks.put("cache", HealthResult.degraded("memory at 91%"));
    return checks;
  }

  @Test
  void passesOnTheStatusAndTheChecksOfAReport() {
    HealthReport report = report(HealthStatus.DEGRADED, checks());

    assertThat(report)
        .isDegraded()
        .hasStatus(HealthStatus.DEGRADED)
        .hasCheck("db")
        .hasCheck("cache");
    assertThat(report).check("db").isUp().hasDetail("database", "PostgreSQL");
    assertThat(report).check("cache").isDegraded().hasMessage("memory at 91%");
  }

  @Test
  void aWrongStatusFailsWithTheChecksAndTheirMessages() {
    HealthReport report = report(HealthStatus.DEGRADED, checks());

    assertThatThrownBy(() -> assertThat(report).isUp())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health report to be UP but was DEGRADED; checks: db UP, cache DEGRADED"
                + " \"memory at 91%\"");
    assertThatThrownBy(() -> assertThat(report).hasStatus(HealthStatus.DOWN))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health report to be DOWN but was DEGRADED; checks: db UP, cache DEGRADED"
                + " \"memory at 91%\"");
  }

  @Test
  void anEmptyReportSaysItHasNoChecks() {
    HealthReport empty = report(HealthStatus.UP, Map.of());

    assertThat(empty).isUp();
    assertThatThrownBy(() -> assertThat(empty).isDown())
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected health report to be DOWN but was UP; checks: none");
    assertThatThrownBy(() -> assertThat(empty).check("db"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health report to have a check named 'db' but found none; checks: none");
  }

  @Test
  void aMissingCheckListsTheChecksThatExist() {
    HealthReport report = report(HealthStatus.DEGRADED, checks());

    assertThatThrownBy(() -> assertThat(report).hasCheck("redis"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health report to have a check named 'redis' but found none; checks: db UP,"
                + " cache DEGRADED \"memory at 91%\"");
  }

  @Test
  void aNullReportFailsAsAssertJDoes() {
    assertThatThrownBy(() -> assertThat((HealthReport) null).isUp())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
