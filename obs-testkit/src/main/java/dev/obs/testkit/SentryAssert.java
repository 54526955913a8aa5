package dev.obs.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the events a {@link SentryEndpoint} received. Events arrive asynchronously, so each
 * assertion polls until it holds or a deadline passes (5 seconds unless {@link #within(Duration)}
 * says otherwise); failures list what was captured.
 *
 * <pre>{@code
 * assertThat(sentry)
 *     .captured(IllegalStateException.class)
 *     .withTag("org_id", "o1")
 *     .withUser("u7")
 *     .withoutKeyAnywhere("authorization");
 * }</pre>
 */
public final class SentryAssert extends AbstractAssert<SentryAssert, SentryEndpoint> {
  private Duration timeout = Duration.ofSeconds(5);

  SentryAssert(@Nullable SentryEndpoint endpoint) {
    super(endpoint, SentryAssert.class);
  }

  /**
   * Sets how long the following assertions wait for events.
   *
   * @param timeout the deadline of each wait
   * @return this assert
   */
  public SentryAssert within(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Waits until an event of the exception type (exactly that class) has arrived, and narrows the
   * assertions to such events.
   *
   * @param type the exception class
   * @return an assert on the events of that type
   * @throws AssertionError when none arrives in time
   */
  public SentryEventAssert captured(Class<? extends Throwable> type) {
    isNotNull();
    Predicate<Map<String, Object>> ofType = e -> SentryEvents.hasType(e, type);
    List<Map<String, Object>> matching = await(all -> all.stream().anyMatch(ofType));
    matching = matching.stream().filter(ofType).toList();
    if (matching.isEmpty()) {
      throw Failures.failed(
          info,
          "Expected a Sentry event of %s within %s, but got:%n%s",
          type.getName(),
          timeout,
          SentryEvents.describe(actual.events()));
    }
    return new SentryEventAssert(matching, actual.events());
  }

  /**
   * Waits until exactly the given number of events arrived, and fails if more arrive meanwhile.
   *
   * @param count the expected number of events
   * @return this assert
   * @throws AssertionError when the count is not reached in time or exceeded
   */
  public SentryAssert hasEventCount(int count) {
    isNotNull();
    List<Map<String, Object>> events = await(all -> all.size() >= count);
    if (events.size() != count) {
      throw Failures.failed(
          info,
          "Expected %s Sentry events within %s, but got %s:%n%s",
          count,
          timeout,
          events.size(),
          SentryEvents.describe(events));
    }
    return this;
  }

  /**
   * Verifies that no event arrives during one second; fails as soon as one does.
   *
   * @return this assert
   * @throws AssertionError when an event arrives
   */
  public SentryAssert capturedNothing() {
    return capturedNothing(Duration.ofSeconds(1));
  }

  /**
   * Verifies that no event arrives during the given time; fails as soon as one does. To avoid the
   * wait, close the reporter first (it flushes), or send a later event, wait for it, and check that
   * the earlier one is absent: the SDK sends in order.
   *
   * @param during how long to watch
   * @return this assert
   * @throws AssertionError when an event arrives
   */
  public SentryAssert capturedNothing(Duration during) {
    isNotNull();
    List<Map<String, Object>> events = await(during, all -> !all.isEmpty());
    if (!events.isEmpty()) {
      throw Failures.failed(
          info, "Expected no Sentry event, but got:%n%s", SentryEvents.describe(events));
    }
    return this;
  }

  private List<Map<String, Object>> await(Predicate<List<Map<String, Object>>> done) {
    return await(timeout, done);
  }

  private List<Map<String, Object>> await(
      Duration wait, Predicate<List<Map<String, Object>>> done) {
    // The endpoint wakes the wait on every envelope: the SDK sends from its own thread.
    actual.awaitUntil(endpoint -> done.test(endpoint.events()), wait);
    return actual.events();
  }
}
