package dev.obs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// Constructor injection per test needs JUnit 5.12 or later (the extension context scope of test
// instantiation); the run of this suite on JUnit 5.10 leaves this class out.
@ExtendWith(ObsExtension.class)
class ObsExtensionConstructorTest {
  private final Obs constructed;
  private @Nullable Obs beforeEach;

  ObsExtensionConstructorTest(Obs obs) {
    this.constructed = obs;
  }

  @BeforeEach
  void rememberObs(Obs obs) {
    this.beforeEach = obs;
  }

  @Test
  void constructorBeforeEachAndTestMethodShareOneObs(Obs obs) {
    assertThat(constructed).isSameAs(obs);
    assertThat(beforeEach).isSameAs(obs);
  }

  @Test
  void eachTestInstanceGetsTheObsOfItsOwnTest(Obs obs) {
    assertThat(constructed).isSameAs(obs);
  }
}
