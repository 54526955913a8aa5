package dev.obs.backup;

import dev.obs.architecture.ArchitectureRules;
import dev.obs.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class BackupArchitectureTest extends ModuleArchitectureTest {

  @Test
  void reachesObsCoreOnlyThroughItsApiPackages() {
    ArchitectureRules.usesOnlyCoreApi("dev.obs.backup..", "dev.obs.servlet..").check(classes);
  }
}
