package dev.obs.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Redacts the secrets a receiver or store URL carries before it is logged, echoed by an API or
 * named in a configuration error: the user info, path segments that look like tokens (Slack's
 * webhook keys, Telegram's {@code bot<token>}, n8n's webhook ids) and every query value. The host,
 * port and ordinary path words stay, so an operator still sees where it points.
 *
 * <pre>{@code
 * SecretUrls.redact("https://user:pw@hooks.example.com/hook/3f9a1c2e77?key=abc")
 * // "https://***@hooks.example.com/hook/***?key=***"
 * }</pre>
 */
public final class SecretUrls {
  /** What a redacted part is replaced with. */
  public static final String MASK = "***";

  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@]*@");
  private static final Pattern QUERY_VALUE = Pattern.compile("=[^&#]*");

  private SecretUrls() {}

  /**
   * Returns the URL with its secrets replaced by {@value #MASK}. Text that is not a URL is redacted
   * as far as its shape allows: user info and query values are masked all the same.
   *
   * @param url a URL, possibly invalid
   * @return the URL safe to show
   */
  public static String redact(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() != null && uri.getRawAuthority() != null) {
        return redact(uri);
      }
    } catch (URISyntaxException e) {
      // shown below as far as its shape allows
    }
    String text = USER_INFO.matcher(url).replaceAll(MASK + "@");
    int query = text.indexOf('?');
    if (query >= 0) {
      text =
          text.substring(0, query)
              + QUERY_VALUE.matcher(text.substring(query)).replaceAll("=" + MASK);
    }
    return text;
  }

  /**
   * Returns the URL with its secrets replaced by {@value #MASK}.
   *
   * @param uri an absolute URL
   * @return the URL safe to show
   */
  public static String redact(URI uri) {
    StringBuilder out = new StringBuilder();
    out.append(uri.getScheme()).append("://");
    if (uri.getRawUserInfo() != null) {
      out.append(MASK).append('@');
    }
    String host = uri.getHost();
    if (host != null) {
      out.append(host);
      if (uri.getPort() >= 0) {
        out.append(':').append(uri.getPort());
      }
    } else {
      String authority = uri.getRawAuthority();
      int at = authority.lastIndexOf('@');
      out.append(at >= 0 ? authority.substring(at + 1) : authority);
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty()) {
      String[] segments = path.split("/", -1);
      for (int i = 1; i < segments.length; i++) {
        out.append('/').append(looksSecret(segments[i]) ? MASK : segments[i]);
      }
    }
    String query = uri.getRawQuery();
    if (query != null) {
      out.append('?').append(QUERY_VALUE.matcher(query).replaceAll("=" + MASK));
    }
    return out.toString();
  }

  /**
   * A segment is a token when it is long, or mixes letters and digits like a key or an id; words
   * such as {@code services}, {@code hook} or {@code v2} are not.
   */
  static boolean looksSecret(String segment) {
    if (segment.length() >= 16) {
      return true;
    }
    if (segment.length() < 6) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
    }
    return letter && digit;
  }
}
