package dev.obs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The pages the checks read: README.md at the repository's root and every page under docs/. */
final class Docs {
  private Docs() {}

  static Path root() {
    String root = System.getProperty("obs.repository.root");
    assertThat(root).as("system property obs.repository.root (set by the build)").isNotBlank();
    Path path = Paths.get(root).toAbsolutePath().normalize();
    assertThat(path.resolve("README.md")).as("README.md at the repository root").isRegularFile();
    return path;
  }

  static List<Path> pages() throws IOException {
    Path root = root();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    for (String extra : List.of("CHANGELOG.md", "CONTRIBUTING.md")) {
      if (Files.isRegularFile(root.resolve(extra))) {
        pages.add(root.resolve(extra));
      }
    }
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static String name(Path page) {
    return root().relativize(page).toString().replace('\\', '/');
  }
}
