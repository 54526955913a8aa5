package dev.obs.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {
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
  void staysFreeOfServletSpringYamlAndMailAndKeepsOptionalLibrariesInTheirAdapters() {
    for (ArchRule rule : ArchitectureRules.coreStaysPlain()) {
      rule.check(classes);
    }
  }
}
