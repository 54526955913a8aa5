package dev.obs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block in README.md and docs/ marked as a complete example compiles against obs and
 * embedded Jetty. A page marks one with the line {@value #MARKER} right above its {@code ```java}
 * fence; such a block is a whole source file: imports and one top-level class.
 */
class DocExamplesTest {
  static final String MARKER = "<!-- complete example -->";
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface)\\s+(\\w+)");

  record Example(String page, int line, String source) {}

  @Test
  void everyCompleteExampleInTheDocsCompiles(@TempDir Path output) throws IOException {
    List<Example> examples = new ArrayList<>();
    for (Path page : Docs.pages()) {
      examples.addAll(examples(page, Docs.name(page)));
    }
    List<String> failures = new ArrayList<>();
    for (Example example : examples) {
      String failure = compile(example, output);
      if (failure != null) {
        failures.add(failure);
      }
    }

    assertThat(examples)
        .as("complete examples found in the docs (marked with %s)", MARKER)
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(failures).as("complete examples that do not compile").isEmpty();
  }

  @Test
  void anExampleThatDoesNotCompileIsReportedWithItsPageAndLine(@TempDir Path dir)
      throws IOException {
    Path page = dir.resolve("page.md");
    Files.writeString(
        page,
        """
        # Page

        <!-- complete example -->
        ```java
        import dev.obs.Obs;

        public class Broken {
          Obs obs = Obs.nothing();
        }
        ```
        """);

    List<Example> examples = examples(page, "page.md");

    assertThat(examples).hasSize(1);
    assertThat(compile(examples.get(0), dir))
        .startsWith("page.md:8: the complete example Broken does not compile: cannot find symbol");
  }

  static List<Example> examples(Path page, String name) throws IOException {
    List<Example> examples = new ArrayList<>();
    List<String> lines = Files.readAllLines(page);
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (!lines.get(i).strip().equals(MARKER)) {
        continue;
      }
      assertThat(lines.get(i + 1).strip())
          .as("%s:%d: the line after %s opens a java block", name, i + 2, MARKER)
          .isEqualTo("```java");
      StringBuilder source = new StringBuilder();
      int j = i + 2;
      while (j < lines.size() && !lines.get(j).strip().equals("```")) {
        source.append(lines.get(j)).append('\n');
        j++;
      }
      // The first source line is the line after the fence, so diagnostics map to page lines.
      examples.add(new Example(name, i + 3, source.toString()));
      i = j;
    }
    return examples;
  }

  /** Compiles one example and returns why it failed, or null when it compiles. */
  static String compile(Example example, Path output) throws IOException {
    Matcher type = PUBLIC_TYPE.matcher(example.source());
    String className = type.find() ? type.group(1) : "Example";
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK's compiler (the tests run on a JRE)").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(output.resolve("classes-" + example.line()));
    List<String> options =
        List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none", "-Xlint:none");
    JavaFileObject source =
        new SimpleJavaFileObject(
            URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return example.source();
          }
        };
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      boolean compiled =
          compiler.getTask(out, files, diagnostics, options, null, List.of(source)).call();
      if (compiled) {
        return null;
      }
    }
    StringBuilder failure = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      if (!failure.isEmpty()) {
        failure.append("; ");
      }
      long line = example.line() + diagnostic.getLineNumber() - 1;
      failure
          .append(example.page())
          .append(':')
          .append(line)
          .append(": the complete example ")
          .append(className)
          .append(" does not compile: ")
          .append(diagnostic.getMessage(Locale.ROOT).replace('\n', ' '));
    }
    return failure.isEmpty() ? example.page() + ": " + out : failure.toString();
  }

  /** Surefire runs tests from a manifest-only jar; it names the real class path here. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
