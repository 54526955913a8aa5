package dev.obs.promql;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PromQLArchitectureTest {
  private static final JavaClasses PROMQL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.obs.promql");

  @Test
  void regularExpressionsAreRe2AsInPrometheus() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.util.regex")
        .because("label matchers follow Prometheus, whose regular expressions are RE2")
        .check(PROMQL);
  }

  @Test
  void dependsOnNothingElseOfObs() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.obs.promql..", "java..", "org.jspecify..", "com.google.re2j..")
        .check(PROMQL);
  }
}
