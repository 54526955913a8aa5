package dev.obs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * Assertions on the events of a {@link LogCapture}, as obs's JSON encoder wrote them. Obtain it
 * from {@link ObsAssertions#assertThat(LogCapture)}; failures list the captured events.
 *
 * <pre>{@code
 * assertThat(logs)
 *     .hasEventWith("request_id", id)
 *     .withLevel("ERROR")
 *     .withMessageContaining("payment failed");
 * assertThat(logs).doesNotContain("hunter2");
 * }</pre>
 */
public final class LogsAssert extends AbstractAssert<LogsAssert, LogCapture> {
  LogsAssert(@Nullable LogCapture capture) {
    super(capture, LogsAssert.class);
  }

  /**
   * Verifies that some event has the field with the value, and narrows the assertions to the events
   * that have it. Values compare as in JSON: {@code 200} matches {@code 200} and {@code "200"}.
   *
   * @param field the field name, such as {@code request_id}
   * @param value the expected value
   * @return an assert on the matching events
   * @throws AssertionError when no event has the field with the value
   */
  public LogEventAssert hasEventWith(String field, @Nullable Object value) {
    return all().with(field, value);
  }

  /**
   * Verifies that some event has the field, with any value, and narrows to those events.
   *
   * @param field the field name
   * @return an assert on the matching events
   * @throws AssertionError when no event has the field
   */
  public LogEventAssert hasEventWith(String field) {
    return all().withField(field);
  }

  /**
   * Verifies that no event has the field with the value.
   *
   * @param field the field name
   * @param value the value no event may have
   * @return this assert
   * @throws AssertionError when some event has it
   */
  public LogsAssert hasNoEventWith(String field, @Nullable Object value) {
    List<LogFormat.Event> found = new ArrayList<>();
    for (LogFormat.Event e : events()) {
      if (e.fields().containsKey(field) && LogFormat.matches(e.fields().get(field), value)) {
        found.add(e);
      }
    }
    if (!found.isEmpty()) {
      throw Failures.failed(
          info,
          "Expecting no log event of %s with %s=%s, but found:%n%s",
          actual.target(),
          field,
          LogFormat.quote(value),
          LogFormat.list(found));
    }
    return this;
  }

  /**
   * Verifies that every captured event has the field with the value, and that there is at least one
   * event.
   *
   * @param field the field name
   * @param value the expected value
   * @return this assert
   * @throws AssertionError when nothing was captured or some event lacks the value
   */
  public LogsAssert allEventsHave(String field, @Nullable Object value) {
    List<LogFormat.Event> all = events();
    List<LogFormat.Event> others = new ArrayList<>();
    for (LogFormat.Event e : all) {
      if (!e.fields().containsKey(field) || !LogFormat.matches(e.fields().get(field), value)) {
        others.add(e);
      }
    }
    if (all.isEmpty() || !others.isEmpty()) {
      throw Failures.failed(
          info,
          "Expecting every log event of %s to have %s=%s, but %s:%n%s",
          actual.target(),
          field,
          LogFormat.quote(value),
          all.isEmpty() ? "none was captured" : "these do not",
          LogFormat.list(others));
    }
    return this;
  }

  /**
   * Verifies that no captured event has this level or a more severe one, such as "nothing at WARN
   * or above".
   *
   * <pre>{@code
   * assertThat(logs).hasNoEventsAtOrAbove(Level.WARN);
   * }</pre>
   *
   * @param level the lowest level that fails, such as {@link Level#WARN}
   * @return this assert
   * @throws AssertionError when some event is at or above the level; the message lists them
   */
  public LogsAssert hasNoEventsAtOrAbove(Level level) {
    List<LogFormat.Event> found = new ArrayList<>();
    for (LogFormat.Event e : events()) {
      Object text = e.fields().get("level");
      if (text != null && severity(text.toString()) >= level.toInt()) {
        found.add(e);
      }
    }
    if (!found.isEmpty()) {
      throw Failures.failed(
          info,
          "Expecting no log event of %s at %s or above, but found %s:%n%s",
          actual.target(),
          level,
          found.size(),
          LogFormat.list(found));
    }
    return this;
  }

  // Logback's FATAL-less levels; an unknown name (a custom level) counts as the most severe.
  private static int severity(String level) {
    try {
      return Level.valueOf(level.toUpperCase(java.util.Locale.ROOT)).toInt();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  /**
   * Verifies how many events were captured.
   *
   * @param expected the expected number of events
   * @return this assert
   * @throws AssertionError when the number differs
   */
  public LogsAssert hasEventCount(int expected) {
    List<LogFormat.Event> all = events();
    if (all.size() != expected) {
      throw Failures.failed(
          info,
          "Expecting %s log events of %s, but %s were captured:%n%s",
          expected,
          actual.target(),
          all.size(),
          LogFormat.list(all));
    }
    return this;
  }

  /**
   * Verifies that no captured JSON line contains the text, such as a secret that must be masked.
   *
   * @param text the text no line may contain
   * @return this assert
   * @throws AssertionError when some line contains it
   */
  public LogsAssert doesNotContain(String text) {
    String failure = LogEventAssert.lineContaining(events(), text, actual.target());
    if (failure != null) {
      throw Failures.failed(info, "%s", failure);
    }
    return this;
  }

  private LogEventAssert all() {
    return new LogEventAssert(actual, events(), "");
  }

  private List<LogFormat.Event> events() {
    isNotNull();
    List<String> lines = actual.lines();
    List<Map<String, Object>> parsed = actual.parse(lines);
    List<LogFormat.Event> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      out.add(new LogFormat.Event(lines.get(i), parsed.get(i)));
    }
    return out;
  }
}
