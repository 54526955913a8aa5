package dev.obs.backup.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The manifest's JSON form: snake_case fields, durations in milliseconds, times in ISO-8601. */
final class ManifestJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private ManifestJson() {}

  static void write(Manifest m, OutputStream out) throws IOException {
    JSON.writeValue(out, tree(m));
  }

  static String toJson(Manifest m) {
    try {
      return JSON.writeValueAsString(tree(m));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(Manifest m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("backup_id", m.backupId().toString());
    root.put("plan", m.plan());
    root.put("timestamp", m.timestamp().toString());
    root.put("type", m.type().jsonName());
    root.put("status", m.status().jsonName());
    if (m.error() != null) {
      root.put("error", m.error());
    }
    root.put("duration_ms", m.duration().toMillis());
    root.put("size", m.size());
    if (m.keyId() != null) {
      root.put("key_id", m.keyId());
    }
    root.put("obs_version", m.obsVersion());
    ArrayNode components = root.putArray("components");
    for (Component c : m.components()) {
      ObjectNode node = components.addObject();
      node.put("name", c.name());
      node.put("kind", c.kind());
      node.put("file", c.file());
      node.put("size", c.size());
      node.put("sha256", c.sha256());
      ObjectNode counts = node.putObject("counts");
      c.counts().forEach(counts::put);
      ObjectNode tools = node.putObject("tools");
      c.tools().forEach(tools::put);
      if (!c.files().isEmpty()) {
        ArrayNode files = node.putArray("files");
        c.files().forEach(files::add);
      }
    }
    return root;
  }

  static Manifest read(InputStream in) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DamagedManifestException("is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new DamagedManifestException("is not a JSON object", null);
    }
    try {
      List<Component> components = new ArrayList<>();
      for (JsonNode c : root.path("components")) {
        Map<String, Long> counts = new LinkedHashMap<>();
        c.path("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        Map<String, String> tools = new LinkedHashMap<>();
        c.path("tools").properties().forEach(e -> tools.put(e.getKey(), e.getValue().asText()));
        List<String> files = new ArrayList<>();
        c.path("files").forEach(f -> files.add(f.asText()));
        components.add(
            new Component(
                text(c, "name"),
                text(c, "kind"),
                text(c, "file"),
                c.path("size").asLong(),
                text(c, "sha256"),
                counts,
                tools,
                files));
      }
      return new Manifest(
          UUID.fromString(text(root, "backup_id")),
          text(root, "plan"),
          Instant.parse(text(root, "timestamp")),
          BackupType.parse(text(root, "type")),
          BackupStatus.parse(text(root, "status")),
          optional(root, "error"),
          Duration.ofMillis(root.path("duration_ms").asLong()),
          components,
          optional(root, "key_id"),
          root.path("obs_version").asText("unknown"));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new DamagedManifestException("has an invalid field: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode()) {
      throw new DamagedManifestException("lacks the field '" + field + "'", null);
    }
    return v.asText();
  }

  private static @Nullable String optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
