package dev.obs.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The repository the release profile staged holds every published module, complete by Central's
 * rules; it is then zipped into the bundle layout Central's portal takes.
 */
class StagedReleaseTest {
  private final Path repository = Paths.get(property("obs.staging.directory"));
  private final String version = property("obs.version");

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (set by the build)", name).isNotBlank();
    return value;
  }

  @Test
  void everyPublishedArtifactIsCompleteByCentralsRules() throws Exception {
    CentralRules rules = new CentralRules(repository, true);
    List<String> violations = new ArrayList<>();
    List<String> published = List.of(property("obs.published").split(","));
    for (String coordinates : published) {
      violations.addAll(rules.check(coordinates.strip(), version));
    }

    assertThat(violations).as("violations of Central's rules in %s", repository).isEmpty();
    writeBundle(Paths.get(property("obs.bundle")));
  }

  /** The bundle is the repository layout without Maven's own metadata files. */
  private void writeBundle(Path bundle) throws IOException {
    Files.createDirectories(bundle.getParent());
    try (OutputStream out = Files.newOutputStream(bundle);
        ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(repository)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        if (file.getFileName().toString().startsWith("maven-metadata")) {
          continue;
        }
        zip.putNextEntry(new ZipEntry(repository.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }
}
