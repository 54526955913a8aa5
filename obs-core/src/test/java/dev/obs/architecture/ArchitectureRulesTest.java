package dev.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rules themselves catch what they are for, shown on deliberately broken fixture classes. */
class ArchitectureRulesTest {
  private final JavaClasses fixture =
      new ClassFileImporter().importPackages("dev.obs.architecture.fixture");

  @Test
  void aDeliberatePackageCycleFailsTheCycleRule() {
    EvaluationResult result = ArchitectureRules.noPackageCycles().evaluate(fixture);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("Cycle detected")
        .contains("dev.obs.architecture.fixture.a")
        .contains("dev.obs.architecture.fixture.b");
  }

  @Test
  void aReassignableStaticFieldFailsTheStaticFieldRule() {
    EvaluationResult result = ArchitectureRules.noNonFinalStaticFields().evaluate(fixture);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("First.counter");
  }

  @Test
  void reachingBeyondTheCoreApiFailsTheAdapterRule() {
    EvaluationResult result =
        ArchitectureRules.usesOnlyCoreApi("dev.obs.architecture.fixture.a").evaluate(fixture);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("dev.obs.architecture.fixture.b.Second");
  }
}
