package dev.obs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped rule file, checked and unit-tested by Prometheus's own promtool. */
class BackupRulesTest {
  private static final String PROMTOOL = "/usr/bin/promtool";

  @TempDir Path dir;

  @BeforeEach
  void copyFiles() throws IOException {
    if (!Files.isExecutable(Path.of(PROMTOOL)) && !Services.onPath("promtool")) {
      Services.unavailable("promtool is not installed");
    }
    copy("obs/rules/backup-rules.yml", dir.resolve("backup-rules.yml"));
    copy("backup-rules-test.yml", dir.resolve("backup-rules-test.yml"));
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = BackupRulesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String promtool(String... args) throws Exception {
    String exe = Files.isExecutable(Path.of(PROMTOOL)) ? PROMTOOL : "promtool";
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add(exe);
    pb.command().addAll(List.of(args));
    Process p = pb.directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void promtoolAcceptsTheRuleFile() throws Exception {
    assertThat(promtool("check", "rules", "backup-rules.yml")).contains("SUCCESS: 2 rules found");
  }

  @Test
  void failedAndStaleRulesFireWhenTheyShould() throws Exception {
    assertThat(promtool("test", "rules", "backup-rules-test.yml")).contains("SUCCESS");
  }
}
