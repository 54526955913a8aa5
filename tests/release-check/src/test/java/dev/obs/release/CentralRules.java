package dev.obs.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * Central's rules for one staged artifact, checked in a Maven file repository: the files each
 * packaging needs, an .asc for each that gpg verifies, .md5 and .sha1 checksums that match, the POM
 * fields Central asks for, and no unresolved {@code ${...}} left in the POM. Each violation is one
 * line naming the artifact, the file and the rule.
 */
final class CentralRules {
  /** The POM elements Central asks for, as XPath under {@code /project}, with how to name them. */
  private static final List<String[]> REQUIRED_POM_FIELDS =
      List.of(
          new String[] {"groupId", "groupId"},
          new String[] {"artifactId", "artifactId"},
          new String[] {"version", "version"},
          new String[] {"name", "name"},
          new String[] {"description", "description"},
          new String[] {"url", "url"},
          new String[] {"licenses/license/name", "licenses/license/name"},
          new String[] {"licenses/license/url", "licenses/license/url"},
          new String[] {"developers/developer/name", "developers/developer/name"},
          new String[] {"scm/url", "scm/url"},
          new String[] {"scm/connection", "scm/connection"});

  private final Path repository;
  private final boolean verifySignatures;

  /**
   * @param repository the root of the file repository the release was deployed to
   * @param verifySignatures whether to run {@code gpg --verify} on each signature (fixtures that
   *     test the other rules have none worth verifying)
   */
  CentralRules(Path repository, boolean verifySignatures) {
    this.repository = repository;
    this.verifySignatures = verifySignatures;
  }

  /**
   * Checks one artifact and returns its violations, empty when it is complete.
   *
   * @param coordinates {@code groupId:artifactId:packaging}
   * @param version the version the reactor built
   */
  List<String> check(String coordinates, String version) throws Exception {
    String[] parts = coordinates.split(":");
    String groupId = parts[0];
    String artifactId = parts[1];
    String packaging = parts[2];
    String name = groupId + ":" + artifactId + ":" + version;
    List<String> violations = new ArrayList<>();
    Path directory =
        repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
    if (!Files.isDirectory(directory)) {
      violations.add(name + ": not deployed; rule: every published module is in the bundle");
      return violations;
    }
    String base = artifactId + "-" + fileVersion(directory, version);
    List<String> required = new ArrayList<>();
    required.add(base + ".pom");
    if (!packaging.equals("pom")) {
      required.add(base + "." + packaging);
      required.add(base + "-sources.jar");
      required.add(base + "-javadoc.jar");
    }
    for (String file : required) {
      Path path = directory.resolve(file);
      if (!Files.isRegularFile(path)) {
        violations.add(name + ": " + file + " is missing; rule: " + ruleFor(file));
        continue;
      }
      checkSignature(name, path, violations);
      checkChecksum(name, path, "md5", "MD5", violations);
      checkChecksum(name, path, "sha1", "SHA-1", violations);
    }
    Path pom = directory.resolve(base + ".pom");
    if (Files.isRegularFile(pom)) {
      checkPom(name, pom, violations);
    }
    return violations;
  }

  private static String ruleFor(String file) {
    if (file.endsWith("-sources.jar")) {
      return "a jar is published with a sources jar";
    }
    if (file.endsWith("-javadoc.jar")) {
      return "a jar is published with a javadoc jar";
    }
    if (file.endsWith(".pom")) {
      return "every artifact has a POM";
    }
    return "the artifact of the POM's packaging is published";
  }

  /** A release's files carry the version; a snapshot's carry the timestamp of its deployment. */
  private static String fileVersion(Path directory, String version) throws Exception {
    if (!version.endsWith("-SNAPSHOT")) {
      return version;
    }
    Path metadata = directory.resolve("maven-metadata.xml");
    Document document = parse(metadata);
    XPath xpath = XPathFactory.newInstance().newXPath();
    String timestamp = xpath.evaluate("/metadata/versioning/snapshot/timestamp", document);
    String buildNumber = xpath.evaluate("/metadata/versioning/snapshot/buildNumber", document);
    return version.substring(0, version.length() - "-SNAPSHOT".length())
        + "-"
        + timestamp
        + "-"
        + buildNumber;
  }

  private void checkSignature(String name, Path file, List<String> violations)
      throws IOException, InterruptedException {
    Path signature = file.resolveSibling(file.getFileName() + ".asc");
    String fileName = file.getFileName().toString();
    if (!Files.isRegularFile(signature)) {
      violations.add(
          name + ": " + fileName + ".asc is missing; rule: every file is signed with GPG");
      return;
    }
    if (!verifySignatures) {
      return;
    }
    Process gpg;
    try {
      gpg =
          new ProcessBuilder("gpg", "--batch", "--verify", signature.toString(), file.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      violations.add(
          name
              + ": cannot run gpg to verify "
              + fileName
              + ".asc ("
              + e.getMessage()
              + "); rule: every signature verifies; install GnuPG");
      return;
    }
    byte[] output;
    try (InputStream in = gpg.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!gpg.waitFor(60, TimeUnit.SECONDS)) {
      gpg.destroyForcibly();
      violations.add(name + ": gpg did not verify " + fileName + ".asc within 60 s");
      return;
    }
    if (gpg.exitValue() != 0) {
      violations.add(
          name
              + ": "
              + fileName
              + ".asc does not verify; rule: every signature verifies against the file (gpg: "
              + new String(output, StandardCharsets.UTF_8).strip().replace('\n', ' ')
              + ")");
    }
  }

  private static void checkChecksum(
      String name, Path file, String extension, String algorithm, List<String> violations)
      throws IOException, NoSuchAlgorithmException {
    Path checksum = file.resolveSibling(file.getFileName() + "." + extension);
    String fileName = file.getFileName().toString();
    if (!Files.isRegularFile(checksum)) {
      violations.add(
          name
              + ": "
              + fileName
              + "."
              + extension
              + " is missing; rule: every file has .md5 and .sha1 checksums");
      return;
    }
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    String actual = Files.readString(checksum).strip().split("\\s+")[0];
    if (!actual.equalsIgnoreCase(expected)) {
      violations.add(
          name
              + ": "
              + fileName
              + "."
              + extension
              + " is "
              + actual
              + " but the file's "
              + extension
              + " is "
              + expected
              + "; rule: checksums match their files");
    }
  }

  private static void checkPom(String name, Path pom, List<String> violations) throws Exception {
    String fileName = pom.getFileName().toString();
    String text = Files.readString(pom);
    int placeholder = text.indexOf("${");
    if (placeholder >= 0) {
      int end = text.indexOf('}', placeholder);
      violations.add(
          name
              + ": "
              + fileName
              + " contains the unresolved "
              + text.substring(placeholder, end < 0 ? text.length() : end + 1)
              + "; rule: a published POM has no ${...} placeholders (flatten it)");
    }
    Document document = parse(pom);
    XPath xpath = XPathFactory.newInstance().newXPath();
    for (String[] field : REQUIRED_POM_FIELDS) {
      String value =
          (String) xpath.evaluate("/project/" + field[0], document, XPathConstants.STRING);
      if (value == null || value.isBlank()) {
        violations.add(
            name
                + ": "
                + fileName
                + " has no "
                + field[1]
                + "; rule: the POM names the project, its description, URL, license, developers"
                + " and SCM");
      }
    }
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (InputStream in = Files.newInputStream(file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }
}
