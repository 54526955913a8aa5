package dev.obs.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line over a configuration file, as an operator runs it. */
class BackupCliTest {
  private static final Pattern ID = Pattern.compile("backup ([0-9a-f-]{36}) completed");

  @TempDir Path dir;
  private Path config;

  /** The outcome of one invocation. */
  private record Result(int code, String out, String err) {}

  @BeforeEach
  void configure() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("a.txt"), "alpha");
    config =
        Files.writeString(
            dir.resolve("obs.properties"),
            String.join(
                "\n",
                "obs.backup.plans=files",
                "obs.backup.store.path=" + dir.resolve("store"),
                "obs.backup.plan.files.sources=data",
                "obs.backup.plan.files.attempts=1",
                "obs.backup.source.data.kind=directory",
                "obs.backup.source.data.path=" + data,
                ""));
  }

  private Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--config", config.toString()));
    all.addAll(List.of(args));
    int code =
        BackupCli.execute(
            null,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runListVerifyRestoreAndPrune() throws Exception {
    Result run = cli("run");
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    Matcher m = ID.matcher(run.out());
    assertThat(m.find()).as(run.out()).isTrue();
    String id = m.group(1);

    Result list = cli("list");
    assertThat(list.out()).contains(id).contains("monthly").contains("completed");
    assertThat(cli("list", "--json").out()).contains("\"backup_id\" : \"" + id + "\"");

    Result verify = cli("verify", id);
    assertThat(verify.code()).isEqualTo(ExitCodes.OK);
    assertThat(verify.out()).isEqualTo("backup " + id + " is intact: 1 components verified\n");

    Result unconfirmed = cli("restore", id, "--target", "data=" + dir.resolve("out"));
    assertThat(unconfirmed.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unconfirmed.err()).contains("a restore overwrites data: add --yes to confirm it");

    Result restore = cli("restore", id, "--yes", "--target", "data=" + dir.resolve("out"));
    assertThat(restore.code()).as(restore.err()).isEqualTo(ExitCodes.OK);
    assertThat(dir.resolve("out/a.txt")).hasContent("alpha");

    Result drill = cli("drill");
    assertThat(drill.code()).as(drill.err()).isEqualTo(ExitCodes.OK);
    assertThat(drill.out()).startsWith("plan files: drill of backup " + id + " passed");

    Result prune = cli("prune", "--dry-run");
    assertThat(prune.code()).isEqualTo(ExitCodes.OK);
    assertThat(prune.out()).isEqualTo("plan files: kept 1, would delete 0\n");
  }

  @Test
  void aDamagedBackupFailsVerifyWithItsOwnExitCode() throws Exception {
    Matcher m = ID.matcher(cli("run").out());
    assertThat(m.find()).isTrue();
    String id = m.group(1);
    Path stored = dir.resolve("store/files/" + id + "/data.tar.gz");
    try (FileChannel ch = FileChannel.open(stored, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x42}), 20);
    }

    Result verify = cli("verify", id);

    assertThat(verify.code()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(verify.err()).contains("component 'data' (data.tar.gz): SHA-256 ");
  }

  @Test
  void unknownIdsPlansAndBadConfigurationHaveTheirExitCodes() throws Exception {
    // A store that does not exist is an I/O error (6), so the store must hold a backup first.
    assertThat(cli("run").code()).isEqualTo(ExitCodes.OK);
    assertThat(cli("verify", "00000000-0000-0000-0000-000000000000").code())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli("run", "--plan", "nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
    Files.writeString(config, "obs.backup.plans=files\nobs.backup.store.path=" + dir + "\n");
    Result bad = cli("list");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("obs.backup.plan.files.sources is required");
  }

  @Test
  void aMissingStoreIsAnIoErrorSayingWhatCouldNotBeReadAndWhy() {
    Path store = dir.resolve("store");

    Result list = cli("list");

    assertThat(list.code()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(list.err())
        .isEqualTo(
            "obs-backup: could not read "
                + store.toAbsolutePath().normalize()
                + ": the store directory does not exist"
                + System.lineSeparator());
  }

  @Test
  void aStoreThatIsAFileIsAnIoErrorSayingSo() throws Exception {
    Path store = Files.writeString(dir.resolve("store"), "not a directory");

    Result verify = cli("verify", "00000000-0000-0000-0000-000000000000");

    assertThat(verify.code()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(verify.err())
        .isEqualTo(
            "obs-backup: could not read "
                + store.toAbsolutePath().normalize()
                + ": it is not a directory"
                + System.lineSeparator());
  }

  @Test
  void aCorruptManifestIsADamagedBackupInOneLine() throws Exception {
    Matcher m = ID.matcher(cli("run").out());
    assertThat(m.find()).isTrue();
    String id = m.group(1);
    Path manifest =
        dir.resolve("store/files/" + id + "/manifest.json").toAbsolutePath().normalize();
    Files.writeString(manifest, "{\"backup_id\": \"" + id + "\", truncated");

    Result verify = cli("verify", id);

    assertThat(verify.code()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(verify.err())
        .startsWith("obs-backup: damaged backup: manifest " + manifest + " is not JSON: ");
    assertThat(verify.err().lines()).hasSize(1);
    assertThat(verify.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
