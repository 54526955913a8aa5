package dev.obs.alerts;

import dev.obs.architecture.ArchitectureRules;
import dev.obs.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class AlertsArchitectureTest extends ModuleArchitectureTest {

  @Test
  void reachesObsCoreOnlyThroughItsApiPackages() {
    ArchitectureRules.usesOnlyCoreApi("dev.obs.alerts..", "dev.obs.promql..").check(classes);
  }
}
