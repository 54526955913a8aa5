package dev.obs.promql;

import com.tngtech.archunit.lang.ArchRule;
import dev.obs.architecture.ArchitectureRules;
import dev.obs.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class PromqlArchitectureTest extends ModuleArchitectureTest {

  @Test
  void dependsOnNothingElseOfObsAndUsesRe2ForRegexes() {
    for (ArchRule rule : ArchitectureRules.promqlStandsAlone()) {
      rule.check(classes);
    }
  }
}
