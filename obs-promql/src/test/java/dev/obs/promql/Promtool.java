package dev.obs.promql;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code promtool} on rule and rule-test files, for tests that check obs against
 * Prometheus itself. When the binary is missing, {@link #require()} skips the test, or fails it
 * when {@code OBS_REQUIRE_SERVICES=1} (as CI sets it).
 *
 * <pre>{@code
 * Promtool.require();
 * Promtool.Result result = Promtool.testRules(dir.resolve("rules_test.yml"));
 * assertThat(result.exitCode()).as(result.output()).isZero();
 * }</pre>
 */
public final class Promtool {
  /** Where the binary is expected: Debian's {@code prometheus} package installs it here. */
  public static final Path BINARY = Path.of("/usr/bin/promtool");

  private static final long TIMEOUT_SECONDS = 60;

  private Promtool() {}

  /**
   * The outcome of one promtool run.
   *
   * @param exitCode the process exit code, 0 on success
   * @param output standard output and standard error, interleaved
   */
  public record Result(int exitCode, String output) {

    /**
     * Tells whether promtool exited with 0.
     *
     * @return whether it succeeded
     */
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  /** Skips the calling test when promtool is missing, or fails it under OBS_REQUIRE_SERVICES=1. */
  public static void require() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String why = "promtool is not installed at " + BINARY;
    if ("1".equals(System.getenv("OBS_REQUIRE_SERVICES"))) {
      fail(why + "; OBS_REQUIRE_SERVICES=1 requires it");
    }
    Assumptions.abort(why + "; skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
  }

  /**
   * Runs {@code promtool test rules} on a rule unit-test file; rule files it names are resolved
   * relative to it.
   *
   * @param testFile the unit-test file
   * @return the exit code and output
   */
  public static Result testRules(Path testFile) {
    return run("test", "rules", testFile.toString());
  }

  /**
   * Runs {@code promtool check rules} on a rule file.
   *
   * @param ruleFile the rule file
   * @return the exit code and output
   */
  public static Result checkRules(Path ruleFile) {
    return run("check", "rules", ruleFile.toString());
  }

  /**
   * Runs promtool with any arguments, in the directory of no particular file, waiting at most a
   * minute.
   *
   * @param args the arguments after {@code promtool}
   * @return the exit code and output
   */
  public static Result run(String... args) {
    require();
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out;
      try (InputStream in = process.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("promtool " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
