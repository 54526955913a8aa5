package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.http.HttpExchange;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

@ExtendWith(ObsExtension.class)
class MeterRegistryAssertTest {

  @Test
  void hasMeterAndDoesNotHaveMeterLookAtEveryTypeOfMeter(Obs obs, MeterRegistry registry) {
    obs.http().record(new HttpExchange("GET", "/hello", "/hello", 200, 1_000_000, null, null));
    registry.counter("jobs.done");

    assertThat(registry)
        .hasMeter("http.server.requests")
        .hasMeter("jobs.done")
        .doesNotHaveMeter("obs.http.server.errors");
  }

  @Test
  void missingMeterMessageListsTheRegisteredNames() {
    MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    registry.timer("http.server.requests", "uri", "/hello");
    registry.counter("obs.internal.failures");

    assertThatThrownBy(() -> assertThat(registry).hasMeter("http.server.request"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "Expected a meter named 'http.server.request' but found none; did you mean"
                + " 'http.server.requests'? Registered meter names: http.server.requests,"
                + " obs.internal.failures");
  }

  @Test
  void unexpectedMeterMessageListsTheMetersFoundWithTheirTypes(MeterRegistry registry) {
    registry.counter("jobs", "queue", "mail");
    registry.timer("jobs", "queue", "sms");

    assertThatThrownBy(() -> assertThat(registry).doesNotHaveMeter("jobs"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected no meter named 'jobs' but found 2: counter [queue=mail], timer [queue=sms]");
  }

  @Test
  void aDescriptionPrefixesTheMessage(MeterRegistry registry) {
    registry.counter("jobs.done").increment();

    assertThatThrownBy(() -> assertThat(registry).counter("jobs.done").as("jobs").hasCount(2))
        .isInstanceOf(AssertionError.class)
        .hasMessage("[jobs] Expected counter jobs.done to have count 2 but was 1");
  }

  @Test
  void aNullRegistryFailsAsAssertJDoes() {
    assertThatThrownBy(() -> assertThat((MeterRegistry) null).timer("work"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
