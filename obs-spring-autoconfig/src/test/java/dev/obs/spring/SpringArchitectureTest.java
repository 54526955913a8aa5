package dev.obs.spring;

import dev.obs.architecture.ArchitectureRules;
import dev.obs.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class SpringArchitectureTest extends ModuleArchitectureTest {

  @Test
  void reachesObsCoreOnlyThroughItsApiPackages() {
    ArchitectureRules.usesOnlyCoreApi(
            "dev.obs.spring..",
            "dev.obs.servlet..",
            "dev.obs.alerts..",
            "dev.obs.promql..",
            "dev.obs.backup..")
        .check(classes);
  }
}
