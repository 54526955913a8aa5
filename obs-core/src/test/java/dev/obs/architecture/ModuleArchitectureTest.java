package dev.obs.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The rules every module keeps; each module's {@code ArchitectureTest} extends this and adds its
 * own. Reads the main classes of the module whose tests run.
 */
public abstract class ModuleArchitectureTest {
  /** The main classes of the module under test. */
  protected final JavaClasses classes = ArchitectureRules.mainClassesOfThisModule();

  /** Creates the test; JUnit calls this. */
  protected ModuleArchitectureTest() {}

  /** No package cycle among the module's classes. */
  @Test
  public void hasNoPackageCycles() {
    ArchitectureRules.noPackageCycles().check(classes);
  }

  /** No static field outside tests can be reassigned. */
  @Test
  public void holdsNoReassignableStaticState() {
    ArchitectureRules.noNonFinalStaticFields().check(classes);
  }
}
