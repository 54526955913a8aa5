package dev.obs.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obs.promql.LabelMatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes silences as JSON. A write goes to a temporary file in the same directory that is
 * then renamed over the old one, so a crash leaves either the old or the new file, never half.
 */
final class SilenceFile {
  private final Path path;

  SilenceFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  List<Silence> read() {
    if (!Files.exists(path)) {
      return List.of();
    }
    try {
      JsonNode root = Payloads.JSON.readTree(path.toFile());
      List<Silence> out = new ArrayList<>();
      for (JsonNode s : root.path("silences")) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (JsonNode m : s.path("matchers")) {
          matchers.add(LabelMatcher.parse(m.asText()));
        }
        out.add(
            new Silence(
                s.path("id").asText(),
                matchers,
                Instant.parse(s.path("starts_at").asText()),
                Instant.parse(s.path("ends_at").asText()),
                s.path("created_by").asText(),
                s.path("comment").asText()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the silences file " + path + " could not be read: " + e.getMessage(), e);
    }
  }

  void write(List<Silence> silences) {
    ObjectNode root = Payloads.JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode list = root.putArray("silences");
    for (Silence s : silences) {
      ObjectNode node = list.addObject();
      node.put("id", s.id());
      ArrayNode matchers = node.putArray("matchers");
      s.matchers().forEach(m -> matchers.add(m.toString()));
      node.put("starts_at", s.startsAt().toString());
      node.put("ends_at", s.endsAt().toString());
      node.put("created_by", s.createdBy());
      node.put("comment", s.comment());
    }
    try {
      Path dir = path.getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
      try {
        Payloads.JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        try {
          Files.move(
              temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the silences file " + path + " could not be written", e);
    }
  }
}
