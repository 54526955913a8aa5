package dev.obs.servlet;

import dev.obs.architecture.ArchitectureRules;
import dev.obs.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class ServletArchitectureTest extends ModuleArchitectureTest {

  @Test
  void reachesObsCoreOnlyThroughItsApiPackages() {
    ArchitectureRules.usesOnlyCoreApi("dev.obs.servlet..", "dev.obs.alerts..", "dev.obs.promql..")
        .check(classes);
  }
}
