package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.http.HttpExchange;
import dev.obs.http.HttpServerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

@ExtendWith(ObsExtension.class)
class TimerAssertTest {
  private static final String REQUESTS = HttpServerMetrics.REQUESTS;
  private static final String HELLO_ID =
      "http.server.requests{exception=none, method=GET, outcome=SUCCESS, status=200, uri=/hello}";

  private static HttpExchange exchange(
      String method, String route, int status, long millis, @Nullable Throwable error) {
    return new HttpExchange(method, route, route, status, millis * 1_000_000, error, null);
  }

  private static void recordHelloTwice(Obs obs) {
    obs.http().record(exchange("GET", "/hello", 200, 20, null));
    obs.http().record(exchange("GET", "/hello", 200, 120, null));
  }

  @Test
  void passesOnTheRecordedCountTotalMaxAndBuckets(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThat(registry)
        .timer(REQUESTS)
        .withTag("uri", "/hello")
        .withTag("status", "200")
        .exists()
        .hasCount(2)
        .hasTotalTime(Duration.ofMillis(140))
        .hasTotalTimeGreaterThan(Duration.ofMillis(139))
        .hasMax(Duration.ofMillis(120))
        .hasBucketCount(Duration.ofMillis(5), 0)
        .hasBucketCount(Duration.ofMillis(25), 1)
        .hasBucketCount(Duration.ofMillis(250), 2)
        .hasBucketCount(Duration.ofSeconds(10), 2);
  }

  @Test
  void wrongCountFailsWithExpectedActualAndMeterId(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(() -> assertThat(registry).timer(REQUESTS).hasCount(3))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected timer " + HELLO_ID + " to have count 3 but was 2");
  }

  @Test
  void wrongTotalTimeFailsWithBothDurations(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(
            () -> assertThat(registry).timer(REQUESTS).hasTotalTime(Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected timer " + HELLO_ID + " to have total time 1s but was 140ms");
  }

  @Test
  void totalTimeNotAboveTheBoundFails(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(
            () ->
                assertThat(registry)
                    .timer(REQUESTS)
                    .hasTotalTimeGreaterThan(Duration.ofMillis(140)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected timer " + HELLO_ID + " to have total time greater than 140ms but was 140ms");
  }

  @Test
  void wrongMaxFailsWithBothDurations(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(() -> assertThat(registry).timer(REQUESTS).hasMax(Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected timer " + HELLO_ID + " to have max 100ms but was 120ms");
  }

  @Test
  void wrongBucketCountFailsNamingTheBucket(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(
            () -> assertThat(registry).timer(REQUESTS).hasBucketCount(Duration.ofMillis(25), 2))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected timer " + HELLO_ID + " to have 2 recordings in bucket le=25ms but was 1");
  }

  @Test
  void bucketThatIsNotAPublishedBoundaryFailsListingTheBoundaries(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(
            () -> assertThat(registry).timer(REQUESTS).hasBucketCount(Duration.ofMillis(30), 1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected timer "
                + HELLO_ID
                + " to publish a histogram bucket le=30ms but its buckets are [5ms, 10ms, 25ms,"
                + " 50ms, 75ms, 100ms, 250ms, 500ms, 750ms, 1s, 2500ms, 5s, 7500ms, 10s]");
  }

  @Test
  void timerWithoutHistogramFailsSayingItPublishesNoBuckets(MeterRegistry registry) {
    registry.timer("plain", "job", "mail").record(Duration.ofMillis(3));

    assertThatThrownBy(
            () -> assertThat(registry).timer("plain").hasBucketCount(Duration.ofMillis(5), 1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected timer plain{job=mail} to publish a histogram bucket le=5ms but it publishes"
                + " no histogram buckets; configure serviceLevelObjectives or"
                + " publishPercentileHistogram on the timer");
  }

  @Test
  void missingTimerMessageListsExistingMetersWithTheirTags(Obs obs, MeterRegistry registry) {
    obs.http().record(exchange("GET", "/hello", 200, 20, null));
    obs.http().record(exchange("POST", "/hello", 201, 20, null));

    assertThatThrownBy(
            () -> assertThat(registry).timer(REQUESTS).withTag("uri", "/users/{id}").hasCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected a timer named 'http.server.requests' with tags [uri=/users/{id}] but found"
                + " none. Timers named 'http.server.requests': [exception=none, method=GET,"
                + " outcome=SUCCESS, status=200, uri=/hello], [exception=none, method=POST,"
                + " outcome=SUCCESS, status=201, uri=/hello]");
  }

  @Test
  void missingTimerNameSaysNoneIsRegisteredWithThatName(MeterRegistry registry) {
    assertThatThrownBy(() -> assertThat(registry).timer("http.client.requests").exists())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected a timer named 'http.client.requests' but found none. Timers named"
                + " 'http.client.requests': none registered with that name. Registered meter"
                + " names: obs.alerts.notifications, obs.errors.dropped, obs.errors.reported,"
                + " obs.internal.failures");
  }

  @Test
  void meterOfAnotherTypeWithTheNameIsMentioned(MeterRegistry registry) {
    registry.counter("jobs", "queue", "mail");

    assertThatThrownBy(() -> assertThat(registry).timer("jobs").hasCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected a timer named 'jobs' but found none. Timers named 'jobs': none registered"
                + " with that name; other meters named 'jobs': counter [queue=mail]");
  }

  @Test
  void severalMatchingTimersFailListingThemAndTheTagsThatDiffer(Obs obs, MeterRegistry registry) {
    obs.http().record(exchange("GET", "/a", 200, 20, null));
    obs.http().record(exchange("GET", "/b", 200, 20, null));
    obs.http().record(exchange("POST", "/b", 200, 20, null));

    assertThatThrownBy(
            () -> assertThat(registry).timer(REQUESTS).withTag("method", "GET").hasCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected one timer named 'http.server.requests' with tags [method=GET] but found 2:"
                + " [exception=none, method=GET, outcome=SUCCESS, status=200, uri=/a],"
                + " [exception=none, method=GET, outcome=SUCCESS, status=200, uri=/b]. Add"
                + " withTag(key, value) for a tag that tells them apart: uri");
  }

  @Test
  void tagsNarrowTheSelectionToOneTimer(Obs obs, MeterRegistry registry) {
    obs.http().record(exchange("GET", "/b", 200, 20, null));
    obs.http().record(exchange("POST", "/b", 500, 30, new IllegalStateException("boom")));

    assertThat(registry).timer(REQUESTS).exists();
    assertThat(registry).timer(REQUESTS).withTag("method", "GET").hasCount(1);
    assertThat(registry)
        .timer(REQUESTS)
        .withTag("exception", "IllegalStateException")
        .withTag("outcome", "SERVER_ERROR")
        .hasTotalTime(Duration.ofMillis(30));
  }

  @Test
  void upperBoundsAndToleranceFailWithExpectedAndActual(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(
            () ->
                assertThat(registry)
                    .timer(REQUESTS)
                    .withTag("uri", "/hello")
                    .hasMaxAtMost(Duration.ofMillis(100)))
        .isInstanceOfSatisfying(
            AssertionFailedError.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.getExpected().getValue())
                  .isEqualTo("<= 100ms");
              org.assertj.core.api.Assertions.assertThat(e.getActual().getValue())
                  .isEqualTo("120ms");
            })
        .hasMessage("Expected timer " + HELLO_ID + " to have max at most 100ms but was 120ms");
    assertThatThrownBy(
            () ->
                assertThat(registry)
                    .timer(REQUESTS)
                    .hasMean(Duration.ofMillis(60), Duration.ofMillis(5)))
        .hasMessage("Expected timer " + HELLO_ID + " to have mean 60ms ± 5ms but was 70ms");
  }

  @Test
  void aPercentileTheTimerDoesNotPublishSaysHowToPublishIt(MeterRegistry registry) {
    registry.timer("work").record(Duration.ofMillis(3));

    assertThatThrownBy(
            () ->
                assertThat(registry).timer("work").hasPercentileAtMost(0.99, Duration.ofMillis(10)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "Expected timer work to publish percentile 0.99 but it publishes none; add"
                + " publishPercentiles(0.99) to the timer's builder or a MeterFilter");
  }

  @Test
  void countDeltaFailsWithTheGrowthSeen(MeterRegistry registry) {
    assertThatThrownBy(
            () ->
                assertThat(registry)
                    .timer("work")
                    .countIncreasesBy(2)
                    .during(() -> registry.timer("work").record(Duration.ofMillis(1))))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "Expected the count of the timer named 'work' to increase by 2 during the block, but"
                + " it increased by 1 (from 0 to 1)");
  }

  @Test
  void aMisspeltNameSuggestsTheClosestRegisteredOne(Obs obs, MeterRegistry registry) {
    recordHelloTwice(obs);

    assertThatThrownBy(() -> assertThat(registry).timer("http_server_request").hasCount(2))
        .hasMessageContaining(
            "none registered with that name; did you mean 'http.server.requests'? Registered"
                + " meter names: ");
  }
}
