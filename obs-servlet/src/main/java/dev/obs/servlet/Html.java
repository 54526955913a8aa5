package dev.obs.servlet;

import org.jspecify.annotations.Nullable;

/**
 * Escapes text for HTML element content and quoted attribute values. Everything the status page
 * renders goes through here.
 */
final class Html {
  private Html() {}

  /**
   * Escapes {@code & < > " '}, so the result is safe in element content and in quoted attributes.
   */
  static String escape(@Nullable String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
