package dev.obs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.obs.Obs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs fixture classes that misuse {@link ObsExtension} and checks the failures they report. */
class ObsExtensionMisuseTest {

  @Test
  void perClassConstructorInjectionFailsNamingWhereToTakeTheObs() {
    assertThat(failuresOf(PerClassConstructor.class))
        .singleElement()
        .asString()
        .isEqualTo(
            "ObsExtension gives each test its own Obs, so it cannot resolve parameter"
                + " 'dev.obs.Obs obs' of dev.obs.testkit.ObsExtensionMisuseTest$PerClassConstructor"
                + "(dev.obs.Obs), which runs outside a single test; take it in the test method, a"
                + " @BeforeEach method or the test constructor (on JUnit 5.12 or later, without"
                + " @TestInstance(PER_CLASS))");
  }

  @Test
  void beforeAllInjectionFailsTheSameWay() {
    assertThat(failuresOf(BeforeAllParameter.class))
        .singleElement()
        .asString()
        .startsWith(
            "ObsExtension gives each test its own Obs, so it cannot resolve parameter"
                + " 'io.micrometer.core.instrument.MeterRegistry registry' of static void"
                + " dev.obs.testkit.ObsExtensionMisuseTest$BeforeAllParameter.setUp(");
  }

  @Test
  void aCustomizerThatReplacesTheRegistryIsRejected() {
    assertThat(failuresOf(ReplacedRegistry.class))
        .singleElement()
        .asString()
        .endsWith(
            "ObsExtension.customize must not replace the meter registry: the testkit supplies a"
                + " SimpleMeterRegistry driven by the test's ManualClock; record into the injected"
                + " MeterRegistry instead");
  }

  private static List<String> failuresOf(Class<?> fixture) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
            listener);
    return listener.getSummary().getFailures().stream()
        .map(TestExecutionSummary.Failure::getException)
        .map(Throwable::getMessage)
        .toList();
  }

  @ExtendWith(ObsExtension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassConstructor {
    PerClassConstructor(Obs obs) {}

    @Test
    void test() {}
  }

  @ExtendWith(ObsExtension.class)
  static class BeforeAllParameter {
    @BeforeAll
    static void setUp(MeterRegistry registry) {}

    @Test
    void test() {}
  }

  static class ReplacedRegistry {
    @RegisterExtension
    static final ObsExtension extension =
        ObsExtension.create()
            .customize(builder -> builder.meterRegistry(new SimpleMeterRegistry()));

    @Test
    void test(Obs obs) {}
  }
}
