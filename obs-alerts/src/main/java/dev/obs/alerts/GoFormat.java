package dev.obs.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The parts of Go's {@code fmt} package that Prometheus templates reach: {@code %v} of a float, the
 * {@code %.4g} the humanize functions use, and {@code printf} with the common verbs.
 */
final class GoFormat {
  private GoFormat() {}

  /**
   * Formats like Go's {@code %v}: floats shortest with {@code %g} rules, maps as {@code map[..]}.
   */
  static String value(Object value) {
    if (value instanceof Double d) {
      return g(d, -1);
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        sb.append(e.getKey()).append(':').append(e.getValue());
      }
      return sb.append(']').toString();
    }
    return String.valueOf(value);
  }

  /**
   * Formats like Go's {@code %g}: significant digits without trailing zeros, exponent form when the
   * exponent is below -4 or at least the precision (6 for the shortest form).
   *
   * @param v the value
   * @param precision significant digits, or -1 for the shortest exact representation
   */
  static String g(double v, int precision) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    int prec = precision == 0 ? 1 : precision;
    BigDecimal bd =
        prec < 0
            ? new BigDecimal(Double.toString(v))
            : new BigDecimal(v).round(new MathContext(prec, RoundingMode.HALF_EVEN));
    bd = bd.stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    int eprec = prec < 0 ? 6 : prec;
    String sign = v < 0 ? "-" : "";
    if (exp < -4 || exp >= eprec) {
      return sign + exponent(digits, exp, 'e');
    }
    return sign + fixed(digits, exp + 1);
  }

  /** Formats like Go's {@code %.Nf}. */
  static String f(double v, int precision) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    return new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Formats like Go's {@code %.Ne}. */
  static String e(double v, int precision) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + exponent("0".repeat(precision + 1), 0, 'e');
    }
    BigDecimal bd = new BigDecimal(v).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    while (digits.length() < precision + 1) {
      digits = digits + "0";
    }
    return (v < 0 ? "-" : "") + exponent(digits.substring(0, precision + 1), exp, 'e');
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return null;
  }

  private static String exponent(String digits, int exp, char e) {
    StringBuilder sb = new StringBuilder().append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append(e).append(exp < 0 ? '-' : '+');
    int abs = Math.abs(exp);
    if (abs < 10) {
      sb.append('0');
    }
    return sb.append(abs).toString();
  }

  private static String fixed(String digits, int pointAt) {
    if (pointAt <= 0) {
      return "0." + "0".repeat(-pointAt) + digits;
    }
    if (pointAt >= digits.length()) {
      return digits + "0".repeat(pointAt - digits.length());
    }
    return digits.substring(0, pointAt) + "." + digits.substring(pointAt);
  }

  /**
   * Formats like Go's {@code fmt.Sprintf} for the verbs {@code %v %s %d %f %e %g %q %x %%}, with
   * flags {@code -+0}, width and precision.
   *
   * @param format the format string
   * @param args the arguments
   * @return the formatted text; a bad verb or argument prints Go's {@code %!verb(...)} marker
   */
  static String printf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      while (i < format.length() && "-+0 #".indexOf(format.charAt(i)) >= 0) {
        char flag = format.charAt(i++);
        minus |= flag == '-';
        plus |= flag == '+';
        zero |= flag == '0';
      }
      int width = -1;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        width = Math.max(width, 0) * 10 + (format.charAt(i++) - '0');
      }
      int precision = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        precision = 0;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          precision = precision * 10 + (format.charAt(i++) - '0');
        }
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argIndex >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      String text = verb(verb, precision, plus, args.get(argIndex++));
      out.append(pad(text, width, minus, zero && !minus && verb != 's' && verb != 'q'));
    }
    if (argIndex < args.size()) {
      out.append("%!(EXTRA ");
      for (int a = argIndex; a < args.size(); a++) {
        out.append(a > argIndex ? ", " : "").append(typeName(args.get(a))).append('=');
        out.append(value(args.get(a)));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String verb(char verb, int precision, boolean plus, Object arg) {
    if (arg instanceof Double d) {
      String s =
          switch (verb) {
            case 'v', 'g' -> g(d, precision);
            case 'f', 'F' -> f(d, precision < 0 ? 6 : precision);
            case 'e' -> e(d, precision < 0 ? 6 : precision);
            case 'd' ->
                d == Math.rint(d) && !Double.isInfinite(d)
                    ? new BigDecimal(d).toBigInteger().toString()
                    : null;
            default -> null;
          };
      if (s == null) {
        return "%!" + verb + "(float64=" + g(d, -1) + ")";
      }
      return plus && d >= 0 && !s.startsWith("+") ? "+" + s : s;
    }
    String s = value(arg);
    return switch (verb) {
      case 'v', 's' -> precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
      case 'q' -> quote(s);
      case 'x' -> hex(s);
      default -> "%!" + verb + "(" + typeName(arg) + "=" + s + ")";
    };
  }

  private static String typeName(Object arg) {
    if (arg instanceof Double) {
      return "float64";
    }
    return arg instanceof Map ? "map[string]string" : "string";
  }

  private static String pad(String text, int width, boolean left, boolean zeros) {
    if (width <= text.length()) {
      return text;
    }
    String fill = (zeros ? "0" : " ").repeat(width - text.length());
    if (left) {
      return text + fill;
    }
    if (zeros && (text.startsWith("-") || text.startsWith("+"))) {
      return text.charAt(0) + fill + text.substring(1);
    }
    return fill + text;
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }
}
