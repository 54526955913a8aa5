package dev.obs.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the Sentry events of one exception type, from {@link SentryAssert#captured(Class)}.
 * Each method keeps the events that satisfy it and fails when none does, listing the candidates.
 *
 * <pre>{@code
 * assertThat(sentry)
 *     .captured(IllegalStateException.class)
 *     .withTag("request_id", "r-1")
 *     .withRequestHeader("Accept", "application/json")
 *     .withoutKeyAnywhere("password");
 * }</pre>
 */
public final class SentryEventAssert
    extends AbstractAssert<SentryEventAssert, List<Map<String, Object>>> {
  private final List<Map<String, Object>> all;

  SentryEventAssert(List<Map<String, Object>> events, List<Map<String, Object>> all) {
    super(events, SentryEventAssert.class);
    this.all = all;
  }

  /**
   * Keeps the events with the tag set to the value.
   *
   * @param key the tag name, such as {@code org_id}
   * @param value the expected value
   * @return an assert on the matching events
   */
  public SentryEventAssert withTag(String key, String value) {
    return keep("tag " + key + "=" + value, e -> value.equals(SentryEvents.path(e, "tags", key)));
  }

  /**
   * Keeps the events whose request carries the header with the value; the name is compared ignoring
   * case.
   *
   * @param name the header name
   * @param value the expected value
   * @return an assert on the matching events
   */
  public SentryEventAssert withRequestHeader(String name, String value) {
    return keep("request header " + name + ": " + value, e -> value.equals(header(e, name)));
  }

  /**
   * Keeps the events whose request does not carry the header; the name is compared ignoring case.
   *
   * @param name the header name, such as {@code Authorization}
   * @return an assert on the matching events
   */
  public SentryEventAssert withoutRequestHeader(String name) {
    return keep("no request header " + name, e -> header(e, name) == null);
  }

  /**
   * Keeps the events whose request has the method and the URL (which never has a query string).
   *
   * @param method the method, such as {@code GET}
   * @param url the URL, such as {@code http://127.0.0.1:8080/orders/7}
   * @return an assert on the matching events
   */
  public SentryEventAssert withRequest(String method, String url) {
    return keep(
        "request " + method + " " + url,
        e ->
            method.equals(SentryEvents.path(e, "request", "method"))
                && url.equals(SentryEvents.path(e, "request", "url")));
  }

  /**
   * Keeps the events whose request has exactly this query string, as sent after scrubbing.
   *
   * @param query the query without {@code ?}, or {@code null} for none
   * @return an assert on the matching events
   */
  public SentryEventAssert withQueryString(@Nullable String query) {
    return keep(
        "query string " + query,
        e -> Objects.equals(query, SentryEvents.path(e, "request", "query_string")));
  }

  /**
   * Keeps the events of the user with the id.
   *
   * @param id the user id
   * @return an assert on the matching events
   */
  public SentryEventAssert withUser(String id) {
    return keep("user id " + id, e -> id.equals(SentryEvents.path(e, "user", "id")));
  }

  /**
   * Keeps the events whose exception message is the text.
   *
   * @param message the exception's message as sent (after scrubbing)
   * @return an assert on the matching events
   */
  public SentryEventAssert withExceptionMessage(String message) {
    return keep(
        "exception message '" + message + "'",
        e -> SentryEvents.exceptions(e).stream().anyMatch(x -> message.equals(x.get("value"))));
  }

  /**
   * Keeps the events with a breadcrumb whose message contains the text.
   *
   * @param text the text
   * @return an assert on the matching events
   */
  public SentryEventAssert withBreadcrumbContaining(String text) {
    return keep(
        "a breadcrumb containing '" + text + "'",
        e ->
            SentryEvents.breadcrumbs(e).stream()
                .anyMatch(c -> c.get("message") instanceof String s && s.contains(text)));
  }

  /**
   * Keeps the events where no object anywhere has the key, compared ignoring case: what a scrubber
   * must have removed.
   *
   * @param key the key, such as {@code authorization}
   * @return an assert on the matching events
   */
  public SentryEventAssert withoutKeyAnywhere(String key) {
    return keep("no key '" + key + "' anywhere", e -> !hasKey(e, key.toLowerCase(Locale.ROOT)));
  }

  /**
   * Keeps the events where no string anywhere contains the text, such as a secret's value.
   *
   * @param text the text
   * @return an assert on the matching events
   */
  public SentryEventAssert doesNotContain(String text) {
    return keep("no '" + text + "' anywhere", e -> !String.valueOf(e).contains(text));
  }

  /**
   * Returns the first matching event's JSON, for assertions this class does not offer.
   *
   * @return the event as maps and lists
   */
  public Map<String, Object> event() {
    return actual.get(0);
  }

  private SentryEventAssert keep(String what, Predicate<Map<String, Object>> test) {
    List<Map<String, Object>> kept = actual.stream().filter(test).toList();
    if (kept.isEmpty()) {
      throw Failures.failed(
          info,
          "Expected a captured event with %s, but none of these has it:%n%s",
          what,
          SentryEvents.describe(actual));
    }
    return new SentryEventAssert(kept, all);
  }

  private static @Nullable Object header(Map<String, Object> event, String name) {
    if (SentryEvents.path(event, "request", "headers") instanceof Map<?, ?> headers) {
      for (Map.Entry<?, ?> h : headers.entrySet()) {
        if (String.valueOf(h.getKey()).equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
    }
    return null;
  }

  private static boolean hasKey(@Nullable Object node, String key) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).equals(key)
            || hasKey(e.getValue(), key)) {
          return true;
        }
      }
    } else if (node instanceof List<?> items) {
      for (Object item : items) {
        if (hasKey(item, key)) {
          return true;
        }
      }
    }
    return false;
  }
}
