package dev.obs.promql;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
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
  void dependsOnNothingElseOfObsAndUsesRe2ForRegexes() {
    for (ArchRule rule : ArchitectureRules.promqlStandsAlone()) {
      rule.check(classes);
    }
  }
}
