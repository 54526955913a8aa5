package dev.obs.backup.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * An H2 database backed up with H2's own {@code BACKUP TO} statement, which writes a consistent zip
 * of the database files while it stays online. A restore unpacks that zip into a directory; open
 * the restored database there (for example {@code jdbc:h2:/restored/dir/app}). Needs the H2 driver
 * on the class path.
 *
 * <pre>{@code
 * BackupSource h2 = H2Source.of("app", "jdbc:h2:./data/app", "sa", "");
 * }</pre>
 */
public final class H2Source implements BackupSource {
  private final String name;
  private final String url;
  private final String user;
  private final @Nullable String password;

  private H2Source(String name, String url, String user, @Nullable String password) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.user = Objects.requireNonNull(user, "user");
    this.password = password;
  }

  /**
   * Returns a source for an H2 database.
   *
   * @param name the source's name in its plan
   * @param url the JDBC URL, such as {@code jdbc:h2:./data/app}
   * @param user the user
   * @param password the password, or {@code null}
   * @return the source
   */
  public static H2Source of(String name, String url, String user, @Nullable String password) {
    return new H2Source(name, url, user, password);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "h2";
  }

  @Override
  public String extension() {
    return ".zip";
  }

  @Override
  public String defaultTarget() {
    String path = url.replaceFirst("^jdbc:h2:(file:)?", "").split(";")[0];
    Path parent = Path.of(path).toAbsolutePath().getParent();
    return parent == null ? "." : parent.toString();
  }

  @Override
  public SourceResult backup(OutputStream out) throws IOException {
    // BACKUP TO needs a file name; the zip lives in a temporary directory only until streamed.
    Path dir = Files.createTempDirectory("obs-h2-");
    Path zip = dir.resolve(name + ".zip");
    try {
      String version;
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT H2VERSION()")) {
          rs.next();
          version = rs.getString(1);
        }
        st.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
      } catch (SQLException e) {
        throw new IOException("H2 backup of " + url + ": " + e.getMessage(), e);
      }
      long entries;
      try (ZipFile z = new ZipFile(zip.toFile())) {
        entries = z.size();
      }
      Files.copy(zip, out);
      return new SourceResult(Map.of("entries", entries), Map.of("h2", version), List.of());
    } finally {
      Files.deleteIfExists(zip);
      Files.deleteIfExists(dir);
    }
  }

  @Override
  public SourceResult restore(InputStream in, RestoreTarget target) throws IOException {
    Path root = SafePaths.prepare(target.location(), target.replace());
    List<String> files = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        Path dest = SafePaths.resolve(root, e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(dest);
          continue;
        }
        Files.createDirectories(dest.getParent());
        Files.copy(zip, dest, StandardCopyOption.REPLACE_EXISTING);
        files.add(root.relativize(dest).toString());
      }
    }
    return new SourceResult(Map.of("entries", (long) files.size()), Map.of(), files);
  }

  @Override
  public String scratchTarget(String suffix) throws IOException {
    return Files.createTempDirectory("obs-drill-" + name + "-").toString();
  }

  @Override
  public void dropScratch(String location) throws IOException {
    DirectorySource.of(name, Path.of(location)).dropScratch(location);
  }

  @Override
  public String toString() {
    return "H2Source[" + name + ", " + url + "]";
  }
}
