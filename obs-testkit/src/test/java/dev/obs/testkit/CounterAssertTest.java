package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.http.HttpExchange;
import dev.obs.http.HttpServerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ObsExtension.class)
class CounterAssertTest {

  private static HttpExchange exchange(String route, int status) {
    return new HttpExchange("GET", route, route, status, 1_000_000, null, null);
  }

  @Test
  void passesOnTheCountOfHttpErrors(Obs obs, MeterRegistry registry) {
    obs.http().record(exchange("/orders", 503));
    obs.http().record(exchange("/orders", 503));
    obs.http().record(exchange("/orders", 200));

    assertThat(registry)
        .counter(HttpServerMetrics.ERRORS)
        .withTag("uri", "/orders")
        .exists()
        .hasCount(2);
  }

  @Test
  void wrongCountFailsWithExpectedActualAndMeterId(MeterRegistry registry) {
    registry.counter("jobs.done", "queue", "mail").increment(3);

    assertThatThrownBy(() -> assertThat(registry).counter("jobs.done").hasCount(2))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected counter jobs.done{queue=mail} to have count 2 but was 3");
  }

  @Test
  void fractionalCountsAreShownAsTheyAre(MeterRegistry registry) {
    registry.counter("bytes.ratio").increment(0.5);

    assertThat(registry).counter("bytes.ratio").hasCount(0.5);
    assertThatThrownBy(() -> assertThat(registry).counter("bytes.ratio").hasCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected counter bytes.ratio to have count 1 but was 0.5");
  }

  @Test
  void missingCounterMessageListsTheCountersOfThatName(Obs obs, MeterRegistry registry) {
    obs.http().record(exchange("/orders", 503));

    assertThatThrownBy(
            () ->
                assertThat(registry)
                    .counter(HttpServerMetrics.ERRORS)
                    .withTag("status", "500")
                    .hasCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected a counter named 'obs.http.server.errors' with tags [status=500] but found"
                + " none. Counters named 'obs.http.server.errors': [exception=none, method=GET,"
                + " outcome=SERVER_ERROR, status=503, uri=/orders]");
  }

  @Test
  void aDeltaCountsACounterRegisteredInsideTheBlockFromZero(MeterRegistry registry) {
    assertThat(registry)
        .counter("orders.placed")
        .increasesBy(2)
        .during(() -> registry.counter("orders.placed").increment(2));

    assertThatThrownBy(
            () ->
                assertThat(registry)
                    .counter("orders.placed")
                    .increasesBy(3)
                    .during(() -> registry.counter("orders.placed").increment()))
        .isInstanceOf(org.opentest4j.AssertionFailedError.class)
        .hasMessage(
            "Expected the counter named 'orders.placed' to increase by 3 during the block, but it"
                + " increased by 1 (from 2 to 3)");
  }

  @Test
  void aBlockThatThrowsFailsTheDeltaWithItsException(MeterRegistry registry) {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                assertThat(registry)
                    .counter("orders.placed")
                    .increasesBy(1)
                    .during(
                        () -> {
                          throw boom;
                        }))
        .hasMessage(
            "Expected the counter named 'orders.placed' to increase by 1, but the block threw"
                + " java.lang.IllegalStateException: boom")
        .hasCause(boom);
  }
}
