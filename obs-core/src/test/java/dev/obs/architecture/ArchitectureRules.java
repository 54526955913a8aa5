package dev.obs.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The architecture rules of obs, shared by every module's {@code ArchitectureTest} through
 * obs-core's test jar. Each module checks its own main classes, read from {@code target/classes}.
 */
public final class ArchitectureRules {
  /** The packages of obs-core that other modules may use; anything else in core is internal. */
  public static final List<String> CORE_API =
      List.of(
          "dev.obs",
          "dev.obs.config",
          "dev.obs.alert",
          "dev.obs.http",
          "dev.obs.health",
          "dev.obs.health.checks",
          "dev.obs.logging",
          "dev.obs.tracing",
          "dev.obs.errors",
          "dev.obs.history",
          "dev.obs.time");

  private static final String[] SERVLET_SPRING_YAML_MAIL = {
    "jakarta.servlet..",
    "javax.servlet..",
    "org.springframework..",
    "com.fasterxml.jackson.dataformat.yaml..",
    "org.yaml..",
    "jakarta.mail..",
    "org.eclipse.angus.."
  };

  private ArchitectureRules() {}

  /**
   * Reads the main classes of the module whose tests are running.
   *
   * @return the module's classes
   */
  public static JavaClasses mainClassesOfThisModule() {
    Path classes = Path.of("target", "classes");
    if (!Files.isDirectory(classes)) {
      throw new IllegalStateException(
          "no compiled classes at " + classes.toAbsolutePath() + "; run the tests through Maven");
    }
    return new ClassFileImporter().importPath(classes);
  }

  /**
   * No package of the classes depends, directly or through others, on itself.
   *
   * @return the rule
   */
  public static ArchRule noPackageCycles() {
    return slices().matching("(**)").should().beFreeOfCycles().allowEmptyShould(true);
  }

  /**
   * Outside tests, no class holds state in a static field that can be reassigned: tests run many
   * {@code Obs} side by side, so nothing may be a hidden singleton.
   *
   * @return the rule
   */
  public static ArchRule noNonFinalStaticFields() {
    return fields()
        .that()
        .areStatic()
        .and()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.obs..")
        .should()
        .beFinal()
        .allowEmptyShould(true);
  }

  /**
   * obs-core stays free of servlet, Spring, YAML and mail types; Logback and logstash appear only
   * in its logging and errors packages, Sentry only in errors, and the OpenTelemetry SDK only in
   * tracing, the adapter packages whose dependencies are optional.
   *
   * @return the rules
   */
  public static List<ArchRule> coreStaysPlain() {
    return List.of(
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVLET_SPRING_YAML_MAIL)
            .because("obs-core is used without a servlet container, Spring, YAML or mail"),
        noClasses()
            .that()
            .resideOutsideOfPackages("dev.obs.logging", "dev.obs.errors")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ch.qos.logback..", "net.logstash..")
            .because("Logback is optional: only the logging adapter packages may load it"),
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.obs.errors")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.sentry..")
            .because("Sentry is optional: only dev.obs.errors may load it"),
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.obs.tracing")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.opentelemetry.sdk..", "io.opentelemetry.exporter..")
            .because("the OpenTelemetry SDK is optional: only dev.obs.tracing may load it"),
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.obs")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.obs"))
            .because("feature packages are built from parts, never from the Obs root"));
  }

  /**
   * obs-promql depends on nothing of obs and on nothing but the JDK, JSpecify and re2j, so it uses
   * no servlet, Spring, Logback, Sentry, YAML or mail type; its regexes are RE2, never {@code
   * java.util.regex}, as in Prometheus.
   *
   * @return the rules
   */
  public static List<ArchRule> promqlStandsAlone() {
    return List.of(
        classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.obs.promql..", "java..", "org.jspecify..", "com.google.re2j..")
            .because("obs-promql is the PromQL subset alone, usable without the rest of obs"),
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.util.regex")
            .because("label matchers follow Prometheus, whose regular expressions are RE2"));
  }

  /**
   * An adapter module uses obs-core only through its API packages ({@link #CORE_API}).
   *
   * @param ownPackages the packages of the module itself and of the obs modules it builds on
   * @return the rule
   */
  public static ArchRule usesOnlyCoreApi(String... ownPackages) {
    String[] allowed = new String[CORE_API.size() + ownPackages.length];
    for (int i = 0; i < CORE_API.size(); i++) {
      allowed[i] = CORE_API.get(i);
    }
    System.arraycopy(ownPackages, 0, allowed, CORE_API.size(), ownPackages.length);
    return noClasses()
        .should()
        .dependOnClassesThat(resideInAPackage("dev.obs..").and(not(resideInAnyPackage(allowed))))
        .because("other modules reach obs-core through its API packages only");
  }
}
