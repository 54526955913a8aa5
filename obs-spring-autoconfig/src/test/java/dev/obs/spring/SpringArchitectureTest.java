package dev.obs.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.obs.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class SpringArchitectureTest {
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
    ArchitectureRules.usesOnlyCoreApi(
            "dev.obs.spring..",
            "dev.obs.servlet..",
            "dev.obs.alerts..",
            "dev.obs.promql..",
            "dev.obs.backup..")
        .check(classes);
  }
}
