package dev.obs.architecture;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest extends ModuleArchitectureTest {

  @Test
  void staysFreeOfServletSpringYamlAndMailAndKeepsOptionalLibrariesInTheirAdapters() {
    for (ArchRule rule : ArchitectureRules.coreStaysPlain()) {
      rule.check(classes);
    }
  }
}
