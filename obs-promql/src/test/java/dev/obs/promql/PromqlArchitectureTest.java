package dev.obs.promql;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.obs.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class PromqlArchitectureTest {
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
  void dependsOnNothingElseOfObsNorOnServletSpringLoggingYamlOrMail() {
    ArchitectureRules.promqlStandsAlone().check(classes);
  }
}
