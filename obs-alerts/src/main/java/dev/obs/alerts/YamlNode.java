package dev.obs.alerts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML node that remembers where it starts in the file (1-based line and column), read with
 * Jackson's streaming YAML parser so every error can point at its place.
 */
final class YamlNode {
  enum Kind {
    MAP,
    LIST,
    SCALAR,
    NULL
  }

  private static final YAMLFactory YAML = new YAMLFactory();

  final Kind kind;
  final int line;
  final int column;
  final @Nullable String text;
  final Map<String, YamlNode> map;
  final Map<String, int[]> keyPositions;
  final List<YamlNode> list;

  private YamlNode(Kind kind, int line, int column, @Nullable String text) {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.text = text;
    this.map = kind == Kind.MAP ? new LinkedHashMap<>() : Map.of();
    this.keyPositions = kind == Kind.MAP ? new LinkedHashMap<>() : Map.of();
    this.list = kind == Kind.LIST ? new ArrayList<>() : List.of();
  }

  /** A malformed document: the message and where the parser stopped. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    SyntaxError(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  static YamlNode parse(String text) throws SyntaxError {
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YamlNode(Kind.NULL, 1, 1, null);
      }
      return read(p, t);
    } catch (IOException e) {
      JsonLocation at =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                  && jpe.getLocation() != null
              ? jpe.getLocation()
              : null;
      String message = e.getMessage();
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
        message = jpe.getOriginalMessage();
      }
      message = firstLine(message);
      int line = at == null ? 1 : Math.max(1, at.getLineNr());
      int column = at == null ? 1 : Math.max(1, at.getColumnNr());
      throw new SyntaxError("malformed YAML: " + message, line, column);
    }
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable document";
    }
    int nl = message.indexOf('\n');
    String first = nl < 0 ? message : message.substring(0, nl);
    return first.strip();
  }

  private static YamlNode read(JsonParser p, JsonToken t) throws IOException, SyntaxError {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    switch (t) {
      case START_OBJECT -> {
        YamlNode node = new YamlNode(Kind.MAP, line, column, null);
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
          JsonLocation keyAt = p.currentTokenLocation();
          String key = p.currentName();
          if (node.map.containsKey(key)) {
            throw new SyntaxError(
                "mapping key '"
                    + key
                    + "' already defined at line "
                    + node.keyPositions.get(key)[0],
                keyAt.getLineNr(),
                keyAt.getColumnNr());
          }
          node.keyPositions.put(key, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
          node.map.put(key, read(p, p.nextToken()));
        }
        return node;
      }
      case START_ARRAY -> {
        YamlNode node = new YamlNode(Kind.LIST, line, column, null);
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          node.list.add(read(p, next));
        }
        return node;
      }
      case VALUE_NULL -> {
        return new YamlNode(Kind.NULL, line, column, null);
      }
      default -> {
        return new YamlNode(Kind.SCALAR, line, column, p.getText());
      }
    }
  }

  String describe() {
    return switch (kind) {
      case MAP -> "a mapping";
      case LIST -> "a list";
      case SCALAR -> "'" + text + "'";
      case NULL -> "nothing";
    };
  }
}
