package dev.obs.backup.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An external program such as pg_dump: found, versioned, run with its stderr kept for errors. */
final class Tool {
  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
  private static final int STDERR_KEPT = 8 * 1024;

  private final String name;
  private final String executable;

  Tool(String name, String executable) {
    this.name = name;
    this.executable = executable;
  }

  String name() {
    return name;
  }

  /** Returns the version, such as {@code 15.20}, from {@code --version}. */
  String version() throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(
          name
              + " not found (tried '"
              + executable
              + "'): install the PostgreSQL client tools or configure the path to "
              + name,
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(name + " --version did not answer within 30 s");
    }
    Matcher m = VERSION.matcher(out.replaceFirst("^[^)]*\\)", ""));
    if (!m.find()) {
      throw new IOException("cannot read the version of " + name + " from '" + out + "'");
    }
    return m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
  }

  static int major(String version) {
    Matcher m = VERSION.matcher(version);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * Starts the tool with the arguments and extra environment; stderr is drained in the background.
   */
  Running start(List<String> args, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add(executable);
    pb.command().addAll(args);
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IOException(name + " cannot be started (tried '" + executable + "')", e);
    }
    return new Running(name, process);
  }

  /** A started tool. */
  static final class Running implements AutoCloseable {
    private final String name;
    private final Process process;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread drain;

    Running(String name, Process process) {
      this.name = name;
      this.process = process;
      this.drain =
          new Thread(
              () -> {
                byte[] buf = new byte[4096];
                try (InputStream err = process.getErrorStream()) {
                  int n;
                  while ((n = err.read(buf)) > 0) {
                    synchronized (stderr) {
                      if (stderr.size() < STDERR_KEPT) {
                        stderr.write(buf, 0, Math.min(n, STDERR_KEPT - stderr.size()));
                      }
                    }
                  }
                } catch (IOException e) {
                  // The process ended; what was read is kept.
                }
              },
              "obs-backup-" + name + "-stderr");
      drain.setDaemon(true);
      drain.start();
    }

    Process process() {
      return process;
    }

    /** Waits for the exit and fails naming the status and stderr when it is not zero. */
    void awaitSuccess() throws IOException, InterruptedException {
      int status = process.waitFor();
      drain.join(5000);
      if (status != 0) {
        String err;
        synchronized (stderr) {
          err = stderr.toString(StandardCharsets.UTF_8).trim();
        }
        throw new IOException(
            name + " exited with status " + status + (err.isEmpty() ? "" : ": " + err));
      }
    }

    /** Stops the process if it still runs, such as when the stream it writes to failed. */
    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
