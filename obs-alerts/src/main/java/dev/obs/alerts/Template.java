package dev.obs.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A label or annotation template in the subset of Go's {@code text/template} that Prometheus rule
 * authors use: {@code {{ $value }}}, {@code {{ $labels.x }}}, {@code {{ .Value }}}, {@code {{
 * .Labels.x }}}, string and number literals, the functions {@code humanize}, {@code humanize1024},
 * {@code humanizePercentage}, {@code humanizeDuration}, {@code printf}, {@code toUpper}, {@code
 * toLower} and {@code title}, pipelines, comments and {@code {{- -}}} trimming. Parsed once when
 * the rule loads; anything else is rejected there with its position.
 */
final class Template {
  static final Set<String> FUNCTIONS =
      Set.of(
          "humanize",
          "humanize1024",
          "humanizePercentage",
          "humanizeDuration",
          "printf",
          "toUpper",
          "toLower",
          "title");
  private static final Set<String> KEYWORDS =
      Set.of("if", "else", "end", "range", "with", "define", "template", "block", "break");

  private sealed interface Part permits Text, Action {}

  private record Text(String text) implements Part {}

  private record Action(List<List<Operand>> commands) implements Part {}

  private sealed interface Operand permits Literal, Variable, Function {}

  private record Literal(Object value) implements Operand {}

  /** {@code root} is {@code value}, {@code labels} or {@code externalLabels}. */
  private record Variable(String root, String field) implements Operand {}

  private record Function(String name) implements Operand {}

  /** A template that cannot be parsed; {@code offset} is the character index in the text. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    ParseException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  private final String source;
  private final List<Part> parts;
  private final boolean constant;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
    this.constant = parts.stream().allMatch(p -> p instanceof Text);
  }

  /** Tells whether the template renders the same text for every value and label set. */
  boolean isConstant() {
    return constant;
  }

  /** Returns the template text as written. */
  String source() {
    return source;
  }

  /**
   * Parses a template.
   *
   * @throws ParseException naming the offending construct and its offset
   */
  static Template parse(String text) throws ParseException {
    List<Part> parts = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        pending.append(text, i, text.length());
        break;
      }
      pending.append(text, i, open);
      int start = open + 2;
      if (start < text.length() && text.charAt(start) == '-' && isSpaceAt(text, start + 1)) {
        trimTrailing(pending);
        start++;
      }
      int close = findClose(text, start);
      if (close < 0) {
        throw new ParseException("unclosed action: missing '}}'", open);
      }
      int end = close;
      boolean trimAfter = false;
      if (end - 1 >= start && text.charAt(end - 1) == '-' && isSpaceAt(text, end - 2)) {
        trimAfter = true;
        end--;
      }
      String body = text.substring(start, end);
      String stripped = body.strip();
      if (!(stripped.startsWith("/*") && stripped.endsWith("*/"))) {
        if (!pending.isEmpty()) {
          parts.add(new Text(pending.toString()));
          pending.setLength(0);
        }
        parts.add(new Action(parseAction(body, start)));
      }
      i = close + 2;
      if (trimAfter) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
      }
    }
    if (!pending.isEmpty()) {
      parts.add(new Text(pending.toString()));
    }
    return new Template(text, parts);
  }

  private static boolean isSpaceAt(String text, int i) {
    return i >= 0 && i < text.length() && Character.isWhitespace(text.charAt(i));
  }

  private static void trimTrailing(StringBuilder sb) {
    int n = sb.length();
    while (n > 0 && Character.isWhitespace(sb.charAt(n - 1))) {
      n--;
    }
    sb.setLength(n);
  }

  private static int findClose(String text, int from) {
    int i = from;
    while (i < text.length() - 1) {
      char c = text.charAt(i);
      if (c == '"' || c == '`') {
        int q = i + 1;
        while (q < text.length() && text.charAt(q) != c) {
          q += (c == '"' && text.charAt(q) == '\\') ? 2 : 1;
        }
        i = q + 1;
        continue;
      }
      if (c == '}' && text.charAt(i + 1) == '}') {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static List<List<Operand>> parseAction(String body, int base) throws ParseException {
    List<List<Operand>> commands = new ArrayList<>();
    List<Operand> command = new ArrayList<>();
    int i = 0;
    int commandStart = base;
    while (true) {
      while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
        i++;
      }
      if (i >= body.length() || body.charAt(i) == '|') {
        if (command.isEmpty()) {
          throw new ParseException("missing command in pipeline", base + i);
        }
        checkCommand(command, commands.isEmpty(), commandStart);
        commands.add(List.copyOf(command));
        command = new ArrayList<>();
        if (i >= body.length()) {
          return commands;
        }
        i++;
        commandStart = base + i;
        continue;
      }
      int at = base + i;
      char c = body.charAt(i);
      int j;
      if (c == '"') {
        j = i + 1;
        StringBuilder sb = new StringBuilder();
        while (j < body.length() && body.charAt(j) != '"') {
          char ch = body.charAt(j);
          if (ch == '\\' && j + 1 < body.length()) {
            char esc = body.charAt(++j);
            sb.append(
                switch (esc) {
                  case 'n' -> '\n';
                  case 't' -> '\t';
                  case 'r' -> '\r';
                  case '\\', '"', '\'' -> esc;
                  default -> throw new ParseException("unknown escape sequence \\" + esc, at);
                });
          } else {
            sb.append(ch);
          }
          j++;
        }
        if (j >= body.length()) {
          throw new ParseException("unterminated quoted string", at);
        }
        command.add(new Literal(sb.toString()));
        i = j + 1;
      } else if (c == '`') {
        j = body.indexOf('`', i + 1);
        if (j < 0) {
          throw new ParseException("unterminated raw quoted string", at);
        }
        command.add(new Literal(body.substring(i + 1, j)));
        i = j + 1;
      } else {
        j = i;
        while (j < body.length()
            && !Character.isWhitespace(body.charAt(j))
            && body.charAt(j) != '|') {
          j++;
        }
        command.add(word(body.substring(i, j), at));
        i = j;
      }
    }
  }

  private static Operand word(String word, int at) throws ParseException {
    if (word.startsWith("(") || word.contains(":=") || word.equals("=")) {
      throw new ParseException(
          "unsupported template construct '" + word + "': only values, fields and functions", at);
    }
    char c = word.charAt(0);
    if (c == '$' || c == '.') {
      return variable(word, at);
    }
    if (c == '-' || c == '+' || Character.isDigit(c)) {
      try {
        return new Literal(Double.parseDouble(word));
      } catch (NumberFormatException e) {
        throw new ParseException("bad number syntax: '" + word + "'", at);
      }
    }
    if (KEYWORDS.contains(word)) {
      throw new ParseException("unsupported template action '" + word + "'", at);
    }
    if (word.equals("true") || word.equals("false") || word.equals("nil")) {
      throw new ParseException("unsupported template value '" + word + "'", at);
    }
    if (!FUNCTIONS.contains(word)) {
      throw new ParseException("function \"" + word + "\" not defined", at);
    }
    return new Function(word);
  }

  private static Operand variable(String word, int at) throws ParseException {
    String[] path = word.split("\\.", -1);
    String root;
    int next;
    if (word.startsWith("$")) {
      root =
          switch (path[0]) {
            case "$value" -> "value";
            case "$labels" -> "labels";
            case "$externalLabels" -> "externalLabels";
            case "$externalURL" -> "externalURL";
            default -> throw new ParseException("undefined variable \"" + path[0] + "\"", at);
          };
      next = 1;
    } else {
      if (path.length < 2 || path[1].isEmpty()) {
        throw new ParseException("unsupported field '" + word + "'", at);
      }
      root =
          switch (path[1]) {
            case "Value" -> "value";
            case "Labels" -> "labels";
            case "ExternalLabels" -> "externalLabels";
            case "ExternalURL" -> "externalURL";
            default ->
                throw new ParseException(
                    "unknown field '"
                        + path[1]
                        + "': templates see .Value, .Labels, .ExternalLabels, .ExternalURL",
                    at);
          };
      next = 2;
    }
    boolean map = root.equals("labels") || root.equals("externalLabels");
    if (path.length == next) {
      return new Variable(root, "");
    }
    if (map && path.length == next + 1 && !path[next].isEmpty()) {
      return new Variable(root, path[next]);
    }
    throw new ParseException("can't evaluate field access '" + word + "'", at);
  }

  private static void checkCommand(List<Operand> command, boolean first, int at)
      throws ParseException {
    Operand head = command.get(0);
    if (!(head instanceof Function f)) {
      if (command.size() > 1 || !first) {
        throw new ParseException(
            "can't give argument to non-function " + describe(head) + " in pipeline", at);
      }
      return;
    }
    int args = command.size() - 1 + (first ? 0 : 1);
    boolean ok = f.name().equals("printf") ? args >= 1 : args == 1;
    if (!ok) {
      throw new ParseException(
          "wrong number of args for " + f.name() + ": want " + wanted(f.name()) + " got " + args,
          at);
    }
  }

  private static String wanted(String function) {
    return function.equals("printf") ? "at least 1" : "1";
  }

  private static String describe(Operand op) {
    if (op instanceof Literal l) {
      return l.value() instanceof String s ? GoFormat.quote(s) : GoFormat.value(l.value());
    }
    if (op instanceof Variable v) {
      return v.field().isEmpty() ? "$" + v.root() : "$" + v.root() + "." + v.field();
    }
    return ((Function) op).name();
  }

  /**
   * Renders the template for one alert.
   *
   * @param value the alert's value
   * @param labels the alert's labels
   * @return the text, or Prometheus's {@code <error expanding template: …>} when a function fails
   */
  String render(double value, Map<String, String> labels) {
    if (constant) {
      return parts.isEmpty() ? "" : ((Text) parts.get(0)).text();
    }
    StringBuilder sb = new StringBuilder();
    try {
      for (Part part : parts) {
        if (part instanceof Text t) {
          sb.append(t.text());
        } else {
          Object result = null;
          for (List<Operand> command : ((Action) part).commands()) {
            result = execute(command, result, value, labels);
          }
          sb.append(GoFormat.value(result));
        }
      }
    } catch (IllegalArgumentException e) {
      return "<error expanding template: " + e.getMessage() + ">";
    }
    return sb.toString();
  }

  private static Object execute(
      List<Operand> command, Object piped, double value, Map<String, String> labels) {
    Operand head = command.get(0);
    if (!(head instanceof Function f)) {
      return resolve(head, value, labels);
    }
    List<Object> args = new ArrayList<>(command.size());
    for (int i = 1; i < command.size(); i++) {
      args.add(resolve(command.get(i), value, labels));
    }
    if (piped != null) {
      args.add(piped);
    }
    return switch (f.name()) {
      case "humanize" -> Humanize.humanize(number(args.get(0)));
      case "humanize1024" -> Humanize.humanize1024(number(args.get(0)));
      case "humanizePercentage" -> Humanize.percentage(number(args.get(0)));
      case "humanizeDuration" -> Humanize.duration(number(args.get(0)));
      case "toUpper" -> GoFormat.value(args.get(0)).toUpperCase(java.util.Locale.ROOT);
      case "toLower" -> GoFormat.value(args.get(0)).toLowerCase(java.util.Locale.ROOT);
      case "title" -> title(GoFormat.value(args.get(0)));
      case "printf" -> {
        if (!(args.get(0) instanceof String format)) {
          throw new IllegalArgumentException("printf: format must be a string");
        }
        yield GoFormat.printf(format, args.subList(1, args.size()));
      }
      default -> throw new IllegalStateException("function " + f.name());
    };
  }

  private static Object resolve(Operand op, double value, Map<String, String> labels) {
    if (op instanceof Literal l) {
      return l.value();
    }
    Variable v = (Variable) op;
    return switch (v.root()) {
      case "value" -> value;
      case "labels" -> v.field().isEmpty() ? labels : labels.getOrDefault(v.field(), "");
      case "externalLabels" -> v.field().isEmpty() ? Map.of() : "";
      default -> "";
    };
  }

  private static double number(Object arg) {
    if (arg instanceof Double d) {
      return d;
    }
    String s = GoFormat.value(arg);
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "strconv.ParseFloat: parsing " + GoFormat.quote(s) + ": invalid syntax");
    }
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(start ? Character.toTitleCase(c) : c);
      start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
    }
    return sb.toString();
  }
}
