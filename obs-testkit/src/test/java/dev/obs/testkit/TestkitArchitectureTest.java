package dev.obs.testkit;

import dev.obs.architecture.ArchitectureRules;
import dev.obs.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class TestkitArchitectureTest extends ModuleArchitectureTest {

  @Test
  void reachesObsCoreOnlyThroughItsApiPackages() {
    ArchitectureRules.usesOnlyCoreApi("dev.obs.testkit..", "dev.obs.alerts..", "dev.obs.promql..")
        .check(classes);
  }
}
