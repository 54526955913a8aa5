package dev.obs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in README.md and docs/ points at a file or folder of the repository, and a
 * link to a heading ({@code page.md#anchor}) at a heading that page has.
 */
class DocLinksTest {
  private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?[^)]*\\)");
  private static final Pattern REFERENCE = Pattern.compile("^\\s*\\[[^\\]]+\\]:\\s*(\\S+)");
  private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  @Test
  void everyRelativeLinkInTheDocsPointsSomewhere() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : Docs.pages()) {
      broken.addAll(brokenLinks(page, Docs.name(page)));
    }

    assertThat(broken).as("relative links that point nowhere").isEmpty();
  }

  @Test
  void aLinkToAMissingFileOrHeadingIsReportedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("other.md"), "# Other page\n\n## Known part\n");
    Path page = dir.resolve("page.md");
    Files.writeString(
        page,
        """
        # Page

        See [the other page](other.md#known-part), [a file](missing.md) and
        [a heading](other.md#unknown-part); `[code](ignored.md)` is code.

        ```
        [in a code block](also-ignored.md)
        ```
        [ref]: https://example.org/absolute
        [self](#page) and [nothing](#nowhere)
        """);

    assertThat(brokenLinks(page, "page.md"))
        .containsExactly(
            "page.md:3: missing.md points nowhere: there is no file or folder"
                + " missing.md; fix the path or remove the link",
            "page.md:4: other.md#unknown-part points nowhere: other.md has no heading"
                + " with the anchor #unknown-part; fix the anchor or remove the link",
            "page.md:10: #nowhere points nowhere: page.md has no heading with the anchor"
                + " #nowhere; fix the anchor or remove the link");
  }

  static List<String> brokenLinks(Path page, String name) throws IOException {
    List<String> broken = new ArrayList<>();
    List<String> lines = Files.readAllLines(page);
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      String text = CODE_SPAN.matcher(line).replaceAll("");
      List<String> targets = new ArrayList<>();
      Matcher inline = INLINE_LINK.matcher(text);
      while (inline.find()) {
        targets.add(inline.group(1));
      }
      Matcher reference = REFERENCE.matcher(text);
      if (reference.find()) {
        targets.add(reference.group(1));
      }
      for (String target : targets) {
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(name + ":" + (i + 1) + ": " + target + " points nowhere: " + problem);
        }
      }
    }
    return broken;
  }

  /** Returns why a link target is broken, or null when it resolves or is not relative. */
  private static String problem(Path page, String target) throws IOException {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//")) {
      return null; // absolute: http:, https:, mailto:
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
    if (!Files.exists(file)) {
      return "there is no file or folder " + path + "; fix the path or remove the link";
    }
    if (anchor != null && file.toString().endsWith(".md") && !anchors(file).contains(anchor)) {
      String where = path.isEmpty() ? page.getFileName().toString() : path;
      return where
          + " has no heading with the anchor #"
          + anchor
          + "; fix the anchor or remove the link";
    }
    return null;
  }

  /** The anchors a Markdown renderer gives a page's headings, as GitHub derives them. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : Files.readAllLines(page)) {
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (inFence || !heading.matches()) {
        continue;
      }
      String slug =
          heading
              .group(1)
              .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-');
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }
}
