package dev.obs.backup.cli;

import dev.obs.Obs;
import dev.obs.backup.BackupPlan;
import dev.obs.backup.BackupProgress;
import dev.obs.backup.Backups;
import dev.obs.backup.DrillResult;
import dev.obs.backup.PruneReport;
import dev.obs.backup.RestoreOptions;
import dev.obs.backup.RestoreResult;
import dev.obs.backup.TriggerResult;
import dev.obs.backup.VerifyResult;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.DamagedManifestException;
import dev.obs.backup.store.Manifest;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code obs-backup} command line: {@code run}, {@code list}, {@code verify}, {@code restore},
 * {@code drill} and {@code prune}, over the plans configured by {@code obs.backup.*} keys (system
 * properties, environment, or the properties file given with {@code --config}). Exit codes are in
 * {@link ExitCodes}.
 *
 * <pre>{@code
 * java -jar obs-backup-cli.jar --config /etc/app/obs.properties run --plan nightly
 * java -jar obs-backup-cli.jar --config /etc/app/obs.properties restore 3f2c... --yes \
 *     --target main=app_restored
 * }</pre>
 */
@Command(
    name = "obs-backup",
    mixinStandardHelpOptions = true,
    versionProvider = BackupCli.Version.class,
    description = "Runs, lists, verifies, restores, drills and prunes obs backups.",
    subcommands = {
      BackupCli.Run.class,
      BackupCli.ListCommand.class,
      BackupCli.Verify.class,
      BackupCli.Restore.class,
      BackupCli.Drill.class,
      BackupCli.Prune.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the backup, restore or drill failed",
      "2:bad arguments or configuration",
      "3:the plan is busy (another run holds its lock)",
      "4:verification found a damaged backup",
      "5:no such backup or plan",
      "6:the store could not be read or written"
    })
public final class BackupCli {
  @Option(
      names = "--config",
      description = "A properties file with obs.backup.* keys (below system properties and env).")
  @Nullable Path config;

  private final Supplier<Backups> factory;
  private @Nullable Backups backups;
  private @Nullable Obs obs;

  private BackupCli(@Nullable Supplier<Backups> factory) {
    this.factory = factory == null ? this::fromConfig : factory;
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // The command line logs warnings only, on stderr, unless told otherwise (slf4j-simple).
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(
        execute(null, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command line without exiting, over given backups or the configured ones.
   *
   * @param backups supplies the backups to work on, or {@code null} to build them from the
   *     configuration
   * @param out where results go
   * @param err where errors go
   * @param args the arguments
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int execute(
      @Nullable Supplier<Backups> backups, PrintWriter out, PrintWriter err, String... args) {
    BackupCli cli = new BackupCli(backups);
    CommandLine cmd = new CommandLine(cli);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExitCodeExceptionMapper(BackupCli::exitCode);
    cmd.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr().println("obs-backup: " + message(e));
          return exitCode(e);
        });
    try {
      return cmd.execute(args);
    } finally {
      Backups b = cli.backups;
      if (b != null) {
        b.close();
      }
      Obs o = cli.obs;
      if (o != null) {
        o.close();
      }
    }
  }

  private static int exitCode(Throwable e) {
    if (e instanceof DamagedManifestException) {
      return ExitCodes.DAMAGED;
    }
    if (e instanceof ObsConfigException || e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof IllegalStateException) {
      return ExitCodes.BUSY;
    }
    if (e instanceof NotFound) {
      return ExitCodes.NOT_FOUND;
    }
    if (e instanceof IllegalArgumentException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof IOException) {
      return ExitCodes.IO_ERROR;
    }
    return ExitCodes.FAILED;
  }

  private static String message(Throwable e) {
    if (e instanceof DamagedManifestException) {
      return ("damaged backup: " + e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }
    if (e instanceof FileSystemException f) {
      return "could not read " + f.getFile() + ": " + reason(f);
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** Why a file could not be read, in words, since the JDK's message is often only the path. */
  private static String reason(FileSystemException e) {
    if (e.getReason() != null) {
      return e.getReason();
    }
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof NotDirectoryException) {
      return "it is not a directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName();
  }

  private Backups fromConfig() {
    Map<String, String> values = new HashMap<>();
    Path file = config;
    if (file != null) {
      Properties props = new Properties();
      try (var in = Files.newBufferedReader(file)) {
        props.load(in);
      } catch (IOException e) {
        throw new ObsConfigException("--config", "cannot read " + file + ": " + e.getMessage());
      }
      props.forEach((k, v) -> values.put(k.toString(), v.toString()));
    }
    // System properties and the environment take precedence over the file, as ObsConfig does.
    values.putAll(ObsConfig.fromEnvironment().asMap());
    Obs root = Obs.builder().config(ObsConfig.of(values)).jvmMetrics(false).build();
    this.obs = root;
    return Backups.fromConfig(root);
  }

  /** The backups, once every store the plans use is known to be readable. */
  Backups readableBackups() throws IOException {
    Backups b = backups();
    for (BackupPlan p : b.plans()) {
      p.store().checkReadable();
    }
    return b;
  }

  Backups backups() {
    Backups b = backups;
    if (b == null) {
      b = factory.get();
      backups = b;
    }
    return b;
  }

  List<String> planNames(@Nullable String plan) {
    if (plan != null) {
      try {
        backups().plan(plan);
      } catch (IllegalArgumentException e) {
        throw new NotFound(e.getMessage());
      }
      return List.of(plan);
    }
    List<String> names = new ArrayList<>();
    for (BackupPlan p : backups().plans()) {
      names.add(p.name());
    }
    if (names.isEmpty()) {
      throw new ObsConfigException(
          "obs.backup.plans", "no backup plans are configured (obs.backup.plans)");
    }
    return names;
  }

  Manifest manifest(String id) throws IOException {
    readableBackups();
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFound("'" + id + "' is not a backup id (a UUID)");
    }
    return backups().find(uuid).orElseThrow(() -> new NotFound("no backup with id " + id));
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** No backup or plan by that name. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  /** The version printed by {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BackupCli.class.getPackage().getImplementationVersion();
      return new String[] {"obs-backup " + (v == null ? "development" : v)};
    }
  }

  @Command(name = "run", description = "Backs up a plan now (every plan without --plan).")
  static final class Run implements java.util.concurrent.Callable<Integer> {
    @CommandLine.ParentCommand BackupCli cli;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", description = "The plan to run.")
    @Nullable String plan;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      int code = ExitCodes.OK;
      for (String name : cli.planNames(plan)) {
        TriggerResult t = cli.backups().trigger(name);
        if (!t.started()) {
          spec.commandLine().getErr().println("obs-backup: plan " + name + " is already running");
          return ExitCodes.BUSY;
        }
        CompletableFuture<Manifest> done = cli.backups().completion(t.backupId()).orElseThrow();
        Manifest m = await(cli.backups(), t.backupId(), done, out);
        out.println(
            m.status() == BackupStatus.COMPLETED
                ? "plan "
                    + name
                    + ": backup "
                    + m.backupId()
                    + " completed, "
                    + size(m.size())
                    + " in "
                    + m.duration().toMillis()
                    + " ms"
                : "plan " + name + ": backup " + m.backupId() + " failed: " + m.error());
        if (m.status() != BackupStatus.COMPLETED) {
          code = ExitCodes.FAILED;
        }
      }
      return code;
    }

    private static Manifest await(
        Backups backups, UUID id, CompletableFuture<Manifest> done, PrintWriter out)
        throws Exception {
      boolean terminal = System.console() != null;
      while (true) {
        try {
          Manifest m = done.get(250, TimeUnit.MILLISECONDS);
          if (terminal) {
            out.print("\r" + " ".repeat(60) + "\r");
            out.flush();
          }
          return m;
        } catch (TimeoutException e) {
          if (terminal) {
            BackupProgress p = backups.status(id).orElse(null);
            if (p != null) {
              int filled = p.percent() / 5;
              out.print(
                  "\r["
                      + "#".repeat(filled)
                      + " ".repeat(20 - filled)
                      + "] "
                      + p.percent()
                      + "% "
                      + size(p.bytes()));
              out.flush();
            }
          }
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    }
  }

  @Command(name = "list", description = "Lists completed and failed backups, newest first.")
  static final class ListCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.ParentCommand BackupCli cli;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", description = "Only this plan.")
    @Nullable String plan;

    @Option(names = "--json", description = "One manifest per line, as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (String name : cli.planNames(plan)) {
        for (Manifest m : cli.readableBackups().list(name)) {
          if (json) {
            out.println(m.toJson().replaceAll("\\s*\\n\\s*", " "));
          } else {
            out.printf(
                "%s  %s  %-8s %-10s %10s  %s%n",
                m.backupId(),
                m.timestamp(),
                m.type().jsonName(),
                m.status().jsonName(),
                size(m.size()),
                m.plan() + (m.error() == null ? "" : "  " + m.error()));
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", description = "Re-reads a backup and checks every checksum.")
  static final class Verify implements java.util.concurrent.Callable<Integer> {
    @CommandLine.ParentCommand BackupCli cli;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BACKUP_ID", description = "The backup's id.")
    String id = "";

    @Override
    public Integer call() throws Exception {
      Manifest m = cli.manifest(id);
      VerifyResult r = cli.backups().verify(m.backupId());
      if (r.ok()) {
        spec.commandLine()
            .getOut()
            .println(
                "backup "
                    + m.backupId()
                    + " is intact: "
                    + m.components().size()
                    + " components verified");
        return ExitCodes.OK;
      }
      for (String problem : r.problems()) {
        spec.commandLine().getErr().println("obs-backup: backup " + m.backupId() + ": " + problem);
      }
      return ExitCodes.DAMAGED;
    }
  }

  @Command(
      name = "restore",
      description =
          "Restores a backup after verifying it, then checks the result against its manifest.")
  static final class Restore implements java.util.concurrent.Callable<Integer> {
    @CommandLine.ParentCommand BackupCli cli;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BACKUP_ID", description = "The backup's id.")
    String id = "";

    @Option(names = "--yes", description = "Confirms the restore; required.")
    boolean yes;

    @Option(names = "--replace", description = "Allows cleaning or overwriting a non-empty target.")
    boolean replace;

    @Option(
        names = "--target",
        paramLabel = "COMPONENT=LOCATION",
        description = "Where to restore a component (database name or directory); repeatable.")
    Map<String, String> targets = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
      if (!yes) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "a restore overwrites data: add --yes to confirm it");
      }
      Manifest m = cli.manifest(id);
      RestoreResult r;
      try {
        r = cli.backups().restore(m.backupId(), new RestoreOptions(true, replace, targets));
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("obs-backup: restore of " + m.backupId() + " failed: " + e.getMessage());
        return ExitCodes.FAILED;
      }
      PrintWriter out = spec.commandLine().getOut();
      r.targets()
          .forEach(
              (component, target) ->
                  out.println(
                      "restored "
                          + component
                          + " into "
                          + target
                          + ": "
                          + r.restored().get(component).counts()));
      out.println(
          "backup " + m.backupId() + " restored and checked in " + r.duration().toMillis() + " ms");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "drill",
      description = "Restores the newest backup into scratch targets, checks and drops them.")
  static final class Drill implements java.util.concurrent.Callable<Integer> {
    @CommandLine.ParentCommand BackupCli cli;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", description = "The plan to drill (every plan without it).")
    @Nullable String plan;

    @Override
    public Integer call() throws Exception {
      int code = ExitCodes.OK;
      for (String name : cli.planNames(plan)) {
        DrillResult d = cli.readableBackups().drill(name);
        if (d.ok()) {
          spec.commandLine()
              .getOut()
              .println(
                  "plan "
                      + name
                      + ": drill of backup "
                      + d.backupId()
                      + " passed in "
                      + d.duration().toMillis()
                      + " ms");
        } else {
          spec.commandLine()
              .getErr()
              .println("obs-backup: plan " + name + ": drill failed: " + d.error());
          code = ExitCodes.FAILED;
        }
      }
      return code;
    }
  }

  @Command(name = "prune", description = "Applies retention: deletes backups it does not keep.")
  static final class Prune implements java.util.concurrent.Callable<Integer> {
    @CommandLine.ParentCommand BackupCli cli;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", description = "The plan to prune (every plan without it).")
    @Nullable String plan;

    @Option(names = "--dry-run", description = "Lists what would be deleted without deleting.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (String name : cli.planNames(plan)) {
        PruneReport r = cli.readableBackups().prune(name, dryRun);
        for (Manifest m : r.deleted()) {
          out.println(
              (dryRun ? "would delete " : "deleted ")
                  + m.backupId()
                  + "  "
                  + m.timestamp()
                  + "  "
                  + m.status().jsonName());
        }
        out.println(
            "plan "
                + name
                + ": kept "
                + r.kept().size()
                + ", "
                + (dryRun ? "would delete " : "deleted ")
                + r.deleted().size());
      }
      return ExitCodes.OK;
    }
  }
}
