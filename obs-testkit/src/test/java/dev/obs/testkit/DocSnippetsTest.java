package dev.obs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of the testkit's doc pages are the test sources they name, as printed: a {@code
 * <!-- snippet: com/example/testkit/Foo.java -->} line before a code block means the file after its
 * package line, and {@code ...Foo.java#name} the lines between {@code // begin name} and {@code //
 * end name}, unindented. The tests in those files run in this suite and in the projects of src/it
 * on JUnit 5 and 6.
 */
class DocSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile(
          "<!-- snippet: ([^#\\s]+)(?:#(\\S+))? -->\\n```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void testkitPageShowsItsTestSourcesAsTheyAre() throws IOException {
    assertThat(check("testkit.md")).isGreaterThanOrEqualTo(5);
  }

  @Test
  void healthPageShowsItsTestkitExampleAsItIs() throws IOException {
    assertThat(check("health.md")).isEqualTo(1);
  }

  /** Compares every marked snippet of a page with its source and returns how many there are. */
  private static int check(String page) throws IOException {
    Path root = root();
    String doc = Files.readString(root.resolve("docs").resolve(page));
    Matcher m = SNIPPET.matcher(doc);
    int count = 0;
    while (m.find()) {
      Path source = root.resolve("obs-testkit/src/test/java").resolve(m.group(1));
      String expected = m.group(2) == null ? afterPackage(source) : region(source, m.group(2));
      assertThat(m.group(3))
          .as("the snippet of %s in docs/%s", m.group(0).lines().findFirst().orElse(""), page)
          .isEqualTo(expected);
      count++;
    }
    return count;
  }

  private static String afterPackage(Path source) throws IOException {
    String text = Files.readString(source);
    return text.substring(text.indexOf('\n', text.indexOf("package ")) + 1).strip() + "\n";
  }

  private static String region(Path source, String name) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int begin = lines.indexOf(find(lines, "// begin " + name)) + 1;
    int end = lines.indexOf(find(lines, "// end " + name));
    List<String> part = new ArrayList<>(lines.subList(begin, end));
    int indent =
        part.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : part) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }

  private static String find(List<String> lines, String marker) {
    return lines.stream()
        .filter(l -> l.strip().equals(marker))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no line '" + marker + "'"));
  }

  /** The checkout's root, found upwards so the suite also runs from the projects of src/it. */
  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/testkit.md"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docs/testkit.md above " + Path.of("").toAbsolutePath());
  }
}
