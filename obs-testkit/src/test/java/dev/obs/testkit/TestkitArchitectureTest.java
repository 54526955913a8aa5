package dev.obs.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.obs.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class TestkitArchitectureTest {
  private final JavaClasses classes = ArchitectureRules.mainClassesOfThisModule();

  @Test
  void hasNoPackageCycles() {
    ArchitectureRules.noPackageCycles().check(classes);
  }

  @Test
  void holdsNoReassignableStaticState() {
    ArchitectureRules.noNonFinalStaticFields().check(classes);
  }

  @Test
  void reachesObsCoreOnlyThroughItsApiPackages() {
    ArchitectureRules.usesOnlyCoreApi("dev.obs.testkit..", "dev.obs.alerts..", "dev.obs.promql..")
        .check(classes);
  }
}
