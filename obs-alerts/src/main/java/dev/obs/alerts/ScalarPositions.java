package dev.obs.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a position inside a scalar's value (such as a PromQL or template error at line 2, column 7
 * of the expression) back to the file, for plain, quoted, literal ({@code |}) and folded ({@code
 * >}) scalars.
 */
final class ScalarPositions {
  private ScalarPositions() {}

  /** One source line of a scalar: where its content starts in the file and how long it is. */
  private record Segment(int line, int column, int length) {}

  /**
   * Returns {line, column} in the file.
   *
   * @param lines the file's lines
   * @param node the scalar
   * @param valueLine the 1-based line within the value
   * @param valueColumn the 1-based column within the value
   */
  static int[] map(String[] lines, YamlNode node, int valueLine, int valueColumn) {
    String header = lineAt(lines, node.line);
    int at = Math.min(Math.max(node.column - 1, 0), header.length());
    char style = at < header.length() ? header.charAt(at) : ' ';
    boolean block = style == '|' || style == '>';
    List<Segment> segments = block ? blockSegments(lines, node) : flowSegments(lines, node, style);
    if (segments.isEmpty()) {
      return new int[] {node.line, node.column};
    }
    if (style == '|') {
      Segment s = segments.get(Math.min(valueLine, segments.size()) - 1);
      return new int[] {s.line(), s.column() + valueColumn - 1};
    }
    // Folded and flow scalars join their source lines with one space each.
    int remaining = valueColumn;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (remaining <= s.length() + 1 || i == segments.size() - 1) {
        return new int[] {s.line(), s.column() + remaining - 1};
      }
      remaining -= s.length() + 1;
    }
    return new int[] {node.line, node.column};
  }

  private static String lineAt(String[] lines, int line) {
    return line >= 1 && line <= lines.length ? lines[line - 1] : "";
  }

  private static List<Segment> blockSegments(String[] lines, YamlNode node) {
    List<Segment> segments = new ArrayList<>();
    int indent = -1;
    for (int l = node.line + 1; l <= lines.length; l++) {
      String text = lines[l - 1];
      int lead = leadingSpaces(text);
      if (text.isBlank()) {
        segments.add(new Segment(l, Math.max(indent, 0) + 1, 0));
        continue;
      }
      if (indent < 0) {
        indent = lead;
      }
      if (lead < indent) {
        break;
      }
      segments.add(new Segment(l, indent + 1, text.length() - indent));
    }
    return segments;
  }

  private static List<Segment> flowSegments(String[] lines, YamlNode node, char style) {
    List<Segment> segments = new ArrayList<>();
    String value = node.text == null ? "" : node.text;
    boolean quoted = style == '"' || style == '\'';
    int column = node.column + (quoted ? 1 : 0);
    int remaining = value.length();
    for (int l = node.line; l <= lines.length && remaining > 0; l++) {
      String text = lines[l - 1];
      int start = l == node.line ? column - 1 : leadingSpaces(text);
      int length = Math.max(0, Math.min(text.length() - start, remaining));
      segments.add(new Segment(l, start + 1, length));
      remaining -= length + 1;
    }
    return segments;
  }

  private static int leadingSpaces(String text) {
    int n = 0;
    while (n < text.length() && text.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
