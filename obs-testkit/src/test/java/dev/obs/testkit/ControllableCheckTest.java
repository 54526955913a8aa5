package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllableCheckTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final ControllableCheck check = new ControllableCheck();
  private Thread caller;

  @AfterEach
  void releaseTheCaller() throws InterruptedException {
    check.release();
    if (caller != null) {
      caller.join(WAIT.toMillis());
    }
  }

  /** Calls the check on another thread; the future holds what it returned or threw. */
  private CompletableFuture<HealthResult> callInBackground() {
    CompletableFuture<HealthResult> outcome = new CompletableFuture<>();
    caller =
        new Thread(
            () -> {
              try {
                outcome.complete(check.check());
              } catch (Throwable t) {
                outcome.completeExceptionally(t);
              }
            },
            "check-caller");
    caller.start();
    return outcome;
  }

  @Test
  void startsUpAndAnswersWhatItIsSetTo() throws Exception {
    assertThat(check.check()).isUp();

    check.setDegraded("memory at 91%");
    assertThat(check.check()).isDegraded().hasMessage("memory at 91%");

    check.setDown("connection refused");
    assertThat(check.check()).isDown().hasMessage("connection refused");

    check.setResult(HealthResult.up().withDetail("database", "H2"));
    assertThat(check.check()).isUp().hasDetail("database", "H2");

    check.setUp();
    assertThat(check.check()).isUp();
    Assertions.assertThat(check.calls()).isEqualTo(5);
  }

  @Test
  void failWithThrowsUntilAResultIsSetAgain() throws Exception {
    IOException reset = new IOException("connection reset");
    check.failWith(reset);

    assertThatThrownBy(check::check).isSameAs(reset);
    assertThatThrownBy(check::check).isSameAs(reset);

    check.setDown("refused");
    assertThat(check.check()).isDown().hasMessage("refused");
  }

  @Test
  void hangBlocksCallsUntilRelease() throws Exception {
    check.hang();
    check.setDown("late");

    CompletableFuture<HealthResult> outcome = callInBackground();
    check.awaitCalls(1, WAIT);
    Assertions.assertThat(outcome).isNotDone();
    Assertions.assertThat(check.toString())
        .isEqualTo("ControllableCheck[DOWN \"late\", hanging, calls=1]");

    check.release();

    assertThat(outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isDown().hasMessage("late");
    assertThat(check.check()).isDown();
  }

  @Test
  void aBlockedCallThrowsInterruptedExceptionWhenInterrupted() throws Exception {
    check.hang();
    CompletableFuture<HealthResult> outcome = callInBackground();
    check.awaitCalls(1, WAIT);

    caller.interrupt();

    Assertions.assertThat(outcome)
        .failsWithin(WAIT)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void callsBlockedByOneHangLeaveEvenIfItHangsAgainAtOnce() throws Exception {
    check.hang();
    CompletableFuture<HealthResult> first = callInBackground();
    check.awaitCalls(1, WAIT);

    check.release();
    check.hang();

    assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isUp();
    Assertions.assertThat(check.toString()).isEqualTo("ControllableCheck[UP, hanging, calls=1]");
  }

  @Test
  void awaitCallsReturnsAtOnceWhenTheCallsHaveHappened() throws Exception {
    check.check();
    check.check();

    check.awaitCalls(2, Duration.ZERO);
    check.awaitCalls(0, Duration.ZERO);
  }

  @Test
  void awaitCallsFailsAfterItsTimeoutSayingHowManyCallsThereWere() throws Exception {
    check.check();

    assertThatThrownBy(() -> check.awaitCalls(2, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected the check to be called at least 2 times within 50 ms but it was called 1"
                + " time");
  }

  @Test
  void awaitCallsRejectsNegativeArguments() {
    assertThatThrownBy(() -> check.awaitCalls(-1, WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be zero or more, got -1");
    assertThatThrownBy(() -> check.awaitCalls(1, Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be zero or more, got PT-0.005S");
  }

  @Test
  void toStringShowsAThrownException() {
    check.failWith(new IOException("connection reset"));

    Assertions.assertThat(check.toString())
        .isEqualTo("ControllableCheck[throws java.io.IOException: connection reset, calls=0]");
  }
}
