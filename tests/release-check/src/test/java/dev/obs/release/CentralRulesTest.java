package dev.obs.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule fails on a fixture repository that breaks it, naming the artifact and the rule. */
class CentralRulesTest {
  private static final String COMPLETE_POM =
      """
      <project>
        <groupId>dev.obs</groupId>
        <artifactId>obs-x</artifactId>
        <version>1.0.0</version>
        <name>obs x</name>
        <description>A fixture.</description>
        <url>https://example.org/obs</url>
        <licenses><license><name>Apache-2.0</name><url>https://example.org/l</url></license></licenses>
        <developers><developer><name>The obs developers</name></developer></developers>
        <scm><url>https://example.org/obs</url><connection>scm:git:x</connection></scm>
      </project>
      """;

  @TempDir Path repository;

  private Path directory() throws Exception {
    return Files.createDirectories(repository.resolve("dev/obs/obs-x/1.0.0"));
  }

  private void stage(String file, String content) throws Exception {
    Path path = directory().resolve(file);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Files.write(path, bytes);
    Files.writeString(path.resolveSibling(file + ".asc"), "signature");
    Files.writeString(
        path.resolveSibling(file + ".md5"),
        HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
    Files.writeString(
        path.resolveSibling(file + ".sha1"),
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)));
  }

  private void stageCompleteJar() throws Exception {
    stage("obs-x-1.0.0.pom", COMPLETE_POM);
    stage("obs-x-1.0.0.jar", "classes");
    stage("obs-x-1.0.0-sources.jar", "sources");
    stage("obs-x-1.0.0-javadoc.jar", "javadoc");
  }

  private CentralRules rules() {
    return new CentralRules(repository, false);
  }

  @Test
  void aCompleteJarArtifactHasNoViolations() throws Exception {
    stageCompleteJar();

    assertThat(rules().check("dev.obs:obs-x:jar", "1.0.0")).isEmpty();
  }

  @Test
  void anArtifactThatWasNotDeployedIsNamed() throws Exception {
    assertThat(rules().check("dev.obs:obs-y:jar", "1.0.0"))
        .containsExactly(
            "dev.obs:obs-y:1.0.0: not deployed; rule: every published module is in the bundle");
  }

  @Test
  void aMissingJavadocJarIsNamedWithItsRule() throws Exception {
    stageCompleteJar();
    Files.delete(directory().resolve("obs-x-1.0.0-javadoc.jar"));

    assertThat(rules().check("dev.obs:obs-x:jar", "1.0.0"))
        .containsExactly(
            "dev.obs:obs-x:1.0.0: obs-x-1.0.0-javadoc.jar is missing; rule: a jar is published"
                + " with a javadoc jar");
  }

  @Test
  void aMissingSignatureAndAWrongChecksumAreNamed() throws Exception {
    stageCompleteJar();
    Files.delete(directory().resolve("obs-x-1.0.0.jar.asc"));
    Files.writeString(directory().resolve("obs-x-1.0.0-sources.jar.sha1"), "0000");

    assertThat(rules().check("dev.obs:obs-x:jar", "1.0.0"))
        .containsExactly(
            "dev.obs:obs-x:1.0.0: obs-x-1.0.0.jar.asc is missing; rule: every file is signed"
                + " with GPG",
            "dev.obs:obs-x:1.0.0: obs-x-1.0.0-sources.jar.sha1 is 0000 but the file's sha1 is "
                + sha1("sources")
                + "; rule: checksums match their files");
  }

  @Test
  void aPomWithAPlaceholderAndWithoutALicenseIsNamed() throws Exception {
    stage(
        "obs-x-1.0.0.pom",
        COMPLETE_POM
            .replace("<version>1.0.0</version>", "<version>${revision}</version>")
            .replaceAll("<licenses>.*</licenses>", ""));

    assertThat(rules().check("dev.obs:obs-x:pom", "1.0.0"))
        .containsExactly(
            "dev.obs:obs-x:1.0.0: obs-x-1.0.0.pom contains the unresolved ${revision}; rule: a"
                + " published POM has no ${...} placeholders (flatten it)",
            "dev.obs:obs-x:1.0.0: obs-x-1.0.0.pom has no licenses/license/name; rule: the POM"
                + " names the project, its description, URL, license, developers and SCM",
            "dev.obs:obs-x:1.0.0: obs-x-1.0.0.pom has no licenses/license/url; rule: the POM"
                + " names the project, its description, URL, license, developers and SCM");
  }

  private static String sha1(String content) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-1").digest(content.getBytes(StandardCharsets.UTF_8)));
  }
}
