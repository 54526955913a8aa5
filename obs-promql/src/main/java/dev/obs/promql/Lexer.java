package dev.obs.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Splits PromQL text into tokens that remember their line and column. */
final class Lexer {
  enum Kind {
    IDENT,
    NUMBER,
    DURATION,
    STRING,
    PUNCT,
    EOF
  }

  /** A token; for strings {@code text} is the unescaped value. */
  record Token(Kind kind, String text, int line, int column) {
    boolean is(String punctOrWord) {
      return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrWord);
    }

    String describe() {
      return switch (kind) {
        case EOF -> "end of input";
        case STRING -> "string literal";
        default -> "'" + text + "'";
      };
    }
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "atan2",
          "sum",
          "avg",
          "count",
          "min",
          "max",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "count_values",
          "quantile",
          "group",
          "inf",
          "nan");

  private static final String[] PUNCTUATION = {
    "==", "!=", "=~", "!~", ">=", "<=", "(", ")", "{", "}", "[", "]", ",", "=", "+", "-", "*", "/",
    "%", "^", ">", "<", "@", ":"
  };

  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String text) {
    this.text = text;
  }

  /** Returns the keyword a word is, ignoring case, or {@code null} for a plain identifier. */
  static @Nullable String keyword(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return KEYWORDS.contains(lower) ? lower : null;
  }

  static List<Token> tokenize(String text) {
    Lexer lexer = new Lexer(text);
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.kind() != Kind.EOF);
    return tokens;
  }

  private Token next() {
    skipSpaceAndComments();
    int startLine = line;
    int startColumn = pos - lineStart + 1;
    if (pos >= text.length()) {
      return new Token(Kind.EOF, "", startLine, startColumn);
    }
    char c = text.charAt(pos);
    if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(pos + 1))) {
      return numberOrDuration(startLine, startColumn);
    }
    if (isIdentStart(c)) {
      int start = pos;
      while (pos < text.length() && isIdentPart(text.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.IDENT, text.substring(start, pos), startLine, startColumn);
    }
    if (c == '"' || c == '\'' || c == '`') {
      return string(c, startLine, startColumn);
    }
    for (String p : PUNCTUATION) {
      if (text.startsWith(p, pos)) {
        pos += p.length();
        return new Token(Kind.PUNCT, p, startLine, startColumn);
      }
    }
    throw new PromQLParseException(
        "unexpected character '" + c + "'", startLine, startColumn, String.valueOf(c));
  }

  private void skipSpaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Token numberOrDuration(int startLine, int startColumn) {
    int start = pos;
    if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
      pos += 2;
      while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
        pos++;
      }
    } else {
      while (pos < text.length() && isDigit(pos)) {
        pos++;
      }
      if (pos < text.length() && text.charAt(pos) == '.') {
        pos++;
        while (pos < text.length() && isDigit(pos)) {
          pos++;
        }
      }
      if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
        int mark = pos;
        pos++;
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
          pos++;
        }
        if (pos < text.length() && isDigit(pos)) {
          while (pos < text.length() && isDigit(pos)) {
            pos++;
          }
        } else {
          pos = mark;
        }
      }
    }
    // Letters right after digits make a duration such as 5m or 1h30m (checked by the parser).
    if (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.DURATION, text.substring(start, pos), startLine, startColumn);
    }
    return new Token(Kind.NUMBER, text.substring(start, pos), startLine, startColumn);
  }

  private Token string(char quote, int startLine, int startColumn) {
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length() || (quote != '`' && text.charAt(pos) == '\n')) {
        throw new PromQLParseException(
            "unterminated string literal", startLine, startColumn, "string literal");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return new Token(Kind.STRING, b.toString(), startLine, startColumn);
      }
      if (c == '\n') {
        line++;
        lineStart = pos;
      }
      if (c != '\\' || quote == '`') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        continue;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'v' -> b.append('\u000b');
        case '\\', '"', '\'' -> b.append(e);
        case 'x' -> b.append((char) hex(2, startLine, startColumn));
        case 'u' -> b.appendCodePoint(hex(4, startLine, startColumn));
        case 'U' -> b.appendCodePoint(hex(8, startLine, startColumn));
        default -> {
          if (e >= '0' && e <= '7') {
            b.append((char) octal(startLine, startColumn));
          } else {
            throw new PromQLParseException(
                "unknown escape sequence '\\" + e + "' in string literal",
                line,
                pos - lineStart - 1,
                "string literal");
          }
        }
      }
    }
  }

  /** Reads the three octal digits of an escape such as {@code \101}, the first already read. */
  private int octal(int startLine, int startColumn) {
    int v = text.charAt(pos - 1) - '0';
    for (int i = 0; i < 2; i++) {
      char d = pos < text.length() ? text.charAt(pos) : 0;
      if (d < '0' || d > '7') {
        throw new PromQLParseException(
            "bad escape sequence in string literal", startLine, startColumn, "string literal");
      }
      v = v * 8 + (d - '0');
      pos++;
    }
    if (v > 255) {
      throw new PromQLParseException(
          "bad escape sequence in string literal", startLine, startColumn, "string literal");
    }
    return v;
  }

  private int hex(int digits, int startLine, int startColumn) {
    if (pos + digits > text.length()) {
      throw new PromQLParseException(
          "bad escape sequence in string literal", startLine, startColumn, "string literal");
    }
    try {
      int v = Integer.parseInt(text.substring(pos, pos + digits), 16);
      pos += digits;
      return v;
    } catch (NumberFormatException e) {
      throw new PromQLParseException(
          "bad escape sequence in string literal", startLine, startColumn, "string literal");
    }
  }

  private boolean isDigit(int at) {
    char c = text.charAt(at);
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9') || c == ':';
  }
}
