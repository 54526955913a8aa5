package dev.obs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the captured log events that matched so far: each {@code with…} call verifies that
 * at least one of them also matches, and narrows to those. Obtain it from {@link
 * LogsAssert#hasEventWith(String, Object)}.
 *
 * <pre>{@code
 * assertThat(logs)
 *     .hasEventWith("request_id", id)
 *     .withLogger("obs.access")
 *     .with("status", 500)
 *     .withoutField("user_id");
 * }</pre>
 */
public final class LogEventAssert extends AbstractAssert<LogEventAssert, LogCapture> {
  private final List<LogFormat.Event> matching;
  private final String criteria;

  LogEventAssert(LogCapture capture, List<LogFormat.Event> matching, String criteria) {
    super(capture, LogEventAssert.class);
    this.matching = List.copyOf(matching);
    this.criteria = criteria;
  }

  /**
   * Narrows to the events with the field and value.
   *
   * @param field the field name
   * @param value the expected value; numbers compare by value, and a scalar matches its text
   * @return an assert on the narrowed events
   * @throws AssertionError when none of the events matches
   */
  public LogEventAssert with(String field, @Nullable Object value) {
    return narrow(
        field + "=" + LogFormat.quote(value),
        e -> e.fields().containsKey(field) && LogFormat.matches(e.fields().get(field), value));
  }

  /**
   * Narrows to the events that have the field, with any value.
   *
   * @param field the field name
   * @return an assert on the narrowed events
   * @throws AssertionError when none of the events has it
   */
  public LogEventAssert withField(String field) {
    return narrow("field " + field, e -> e.fields().containsKey(field));
  }

  /**
   * Narrows to the events that lack the field.
   *
   * @param field the field name
   * @return an assert on the narrowed events
   * @throws AssertionError when all of the events have it
   */
  public LogEventAssert withoutField(String field) {
    return narrow("no field " + field, e -> !e.fields().containsKey(field));
  }

  /**
   * Narrows to the events of the level.
   *
   * @param level {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}, in any
   *     case
   * @return an assert on the narrowed events
   * @throws AssertionError when none of the events has the level
   */
  public LogEventAssert withLevel(String level) {
    return with("level", level.toUpperCase(Locale.ROOT));
  }

  /**
   * Narrows to the events of the logger.
   *
   * @param logger the logger name
   * @return an assert on the narrowed events
   * @throws AssertionError when none of the events comes from the logger
   */
  public LogEventAssert withLogger(String logger) {
    return with("logger", logger);
  }

  /**
   * Narrows to the events whose message is exactly the text (after masking).
   *
   * @param message the expected message
   * @return an assert on the narrowed events
   * @throws AssertionError when none of the events has the message
   */
  public LogEventAssert withMessage(String message) {
    return with("message", message);
  }

  /**
   * Narrows to the events whose message contains the text.
   *
   * @param text the expected part of the message
   * @return an assert on the narrowed events
   * @throws AssertionError when no message of the events contains it
   */
  public LogEventAssert withMessageContaining(String text) {
    return narrow(
        "message containing " + LogFormat.quote(text),
        e -> e.fields().get("message") instanceof String m && m.contains(text));
  }

  /**
   * Verifies that none of the events' JSON lines contains the text, such as a masked secret.
   *
   * @param text the text no line may contain
   * @return this assert
   * @throws AssertionError when a line contains it
   */
  public LogEventAssert doesNotContain(String text) {
    String failure = lineContaining(matching, text, "the events with " + criteria);
    if (failure != null) {
      throw Failures.failed(info, "%s", failure);
    }
    return this;
  }

  /**
   * Verifies how many events matched.
   *
   * @param expected the expected number of matching events
   * @return this assert
   * @throws AssertionError when the number differs
   */
  public LogEventAssert hasCount(int expected) {
    if (matching.size() != expected) {
      throw Failures.failed(
          info,
          "Expecting %s log events with %s, but %s matched:%n%s",
          expected,
          criteria,
          matching.size(),
          LogFormat.list(matching));
    }
    return this;
  }

  private LogEventAssert narrow(String criterion, Predicate<LogFormat.Event> test) {
    List<LogFormat.Event> narrowed = new ArrayList<>();
    for (LogFormat.Event e : matching) {
      if (test.test(e)) {
        narrowed.add(e);
      }
    }
    String all = criteria.isEmpty() ? criterion : criteria + " and " + criterion;
    if (narrowed.isEmpty()) {
      if (criteria.isEmpty()) {
        throw Failures.failed(
            info,
            "Expecting a log event of %s with %s, but none of the %s captured has it:%n%s",
            actual.target(),
            all,
            matching.size(),
            LogFormat.list(matching));
      } else {
        throw Failures.failed(
            info,
            "Expecting a log event of %s with %s, but the %s with %s were:%n%s",
            actual.target(),
            all,
            matching.size(),
            criteria,
            LogFormat.list(matching));
      }
    }
    return new LogEventAssert(actual, narrowed, all);
  }

  /** Returns the failure message when a line contains the text, or null. */
  static @Nullable String lineContaining(List<LogFormat.Event> events, String text, String where) {
    List<LogFormat.Event> found = new ArrayList<>();
    for (LogFormat.Event e : events) {
      if (e.line().contains(text)) {
        found.add(e);
      }
    }
    return found.isEmpty()
        ? null
        : String.format(
            "Expecting no log line of %s to contain %s, but these do:%n%s",
            where, LogFormat.quote(text), LogFormat.list(found));
  }
}
