package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthRegistryAssertTest {
  private final List<ControllableCheck> checks = new ArrayList<>();
  private Obs obs;

  @BeforeEach
  void build() {
    obs =
        Obs.builder()
            .jvmMetrics(false)
            .config(
                ObsConfig.of(Map.of("obs.health.timeout", "200ms", "obs.health.cache-ttl", "0s")))
            .build();
  }

  @AfterEach
  void close() {
    checks.forEach(ControllableCheck::release);
    // Obs.close() leaves the health threads to time out on their own; stop them now.
    obs.health().close();
    obs.close();
  }

  private ControllableCheck register(String name) {
    return register(name, CheckOptions.defaults());
  }

  private ControllableCheck register(String name, CheckOptions options) {
    ControllableCheck check = new ControllableCheck();
    checks.add(check);
    obs.health().register(name, check, options);
    return check;
  }

  @Test
  void aControllableCheckFlippingUpDownUpIsSeenByTheAssertions() {
    ControllableCheck redis = register("redis");

    assertThat(obs.health()).isUp().check("redis").isUp();

    redis.setDown("connection refused");
    assertThat(obs.health()).isDown().check("redis").isDown().hasMessage("connection refused");

    redis.setUp();
    assertThat(obs.health()).isUp().check("redis").isUp();
    Assertions.assertThat(redis.calls()).isEqualTo(3);
  }

  @Test
  void aHungCheckIsReportedDownAsTimedOutThenRecoversWhenReleased() {
    ControllableCheck redis = register("redis");
    redis.hang();

    assertThat(obs.health())
        .isDown()
        .check("redis")
        .isDown()
        .hasMessageContaining("timed out")
        .hasMessage("timed out after 200 ms");

    redis.release();
    // The timed-out evaluation is interrupted and finishes on its own thread; until it has, the
    // registry still answers with the timeout. Bounded wait for the next evaluation to be UP.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (obs.health().checkAll().status() != HealthStatus.UP) {
      if (System.nanoTime() > deadline) {
        Assertions.fail("redis was not UP within 5 s of release(): " + redis);
      }
      Thread.onSpinWait();
    }
    assertThat(obs.health()).isUp().check("redis").isUp();
  }

  @Test
  void theChecksRunOnceForAChainOfAssertionsAndNotBeforeTheFirst() {
    ControllableCheck redis = register("redis");

    HealthRegistryAssert health = assertThat(obs.health());
    Assertions.assertThat(redis.calls()).isZero();

    health.isUp().hasCheck("redis").hasStatus(HealthStatus.UP).check("redis").isUp();
    Assertions.assertThat(redis.calls()).isEqualTo(1);
  }

  @Test
  void aChainSeesOneReportEvenIfTheCheckChangesMeanwhile() {
    ControllableCheck redis = register("redis");
    HealthRegistryAssert health = assertThat(obs.health()).isUp();

    redis.setDown("connection refused");

    health.check("redis").isUp();
    assertThat(obs.health()).check("redis").isDown();
  }

  @Test
  void aStatusFailureListsEveryCheckWithItsStatusAndMessage() {
    register("db");
    register("redis").setDown("connection refused");
    register("cache", CheckOptions.builder().critical(false).build()).setDegraded("memory at 91%");

    assertThatThrownBy(() -> assertThat(obs.health()).isUp())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health (all checks) to be UP but was DOWN; checks: db UP, redis DOWN"
                + " \"connection refused\", cache DEGRADED (non-critical) \"memory at 91%\"");
  }

  @Test
  void aNonCriticalCheckThatIsDownMakesTheRegistryDegraded() {
    register("db");
    register("cache", CheckOptions.builder().critical(false).build()).setDown("evicting");

    assertThat(obs.health()).isDegraded().check("cache").isDown().hasMessage("evicting");
    assertThatThrownBy(() -> assertThat(obs.health()).isDown())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health (all checks) to be DOWN but was DEGRADED; checks: db UP, cache DOWN"
                + " (non-critical) \"evicting\"");
  }

  @Test
  void aMissingCheckListsTheChecksThatExist() {
    register("db");
    register("cache");

    assertThatThrownBy(() -> assertThat(obs.health()).check("redis"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health (all checks) to have a check named 'redis' but found none; checks:"
                + " db UP, cache UP");
    assertThatThrownBy(() -> assertThat(obs.health()).hasCheck("redis"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health (all checks) to have a check named 'redis' but found none; checks:"
                + " db UP, cache UP");
  }

  @Test
  void anEmptyRegistryIsUpAndSaysItHasNoChecks() {
    assertThat(obs.health()).isUp();

    assertThatThrownBy(() -> assertThat(obs.health()).hasCheck("db"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health (all checks) to have a check named 'db' but found none; checks:"
                + " none");
  }

  @Test
  void aCheckFailureShowsTheReport() {
    register("db");
    register("redis").setDown("connection refused");

    assertThatThrownBy(() -> assertThat(obs.health()).check("redis").isUp())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected check 'redis' to be UP but was DOWN; checks: db UP, redis DOWN"
                + " \"connection refused\"");
    assertThatThrownBy(
            () -> assertThat(obs.health()).check("redis").hasMessageContaining("timed out"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected check 'redis' to have a message containing \"timed out\" but was"
                + " \"connection refused\"; checks: db UP, redis DOWN \"connection refused\"");
  }

  @Test
  void aDetailFailureShowsTheDetailsAndTheReport() {
    register("db").setResult(HealthResult.up().withDetail("database", "H2"));

    assertThatThrownBy(() -> assertThat(obs.health()).check("db").hasDetail("version", "2.3"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected check 'db' to have detail 'version' equal to \"2.3\" but it has no such"
                + " detail; details: {database=H2}; checks: db UP");
  }

  @Test
  void aCheckThatThrowsIsDownWithTheExceptionClassAndMessage() {
    register("redis").failWith(new IOException("connection reset"));

    assertThat(obs.health())
        .isDown()
        .check("redis")
        .isDown()
        .hasMessage("java.io.IOException: connection reset");
  }

  @Test
  void groupSwitchesToThatGroupsReport() {
    register("db");
    register("app", CheckOptions.builder().groups(CheckOptions.LIVENESS).build());
    register("search", CheckOptions.builder().groups("search").build()).setDown("red");

    assertThat(obs.health()).isDown();
    assertThat(obs.health()).group(CheckOptions.LIVENESS).isUp().hasCheck("app");
    assertThat(obs.health()).group(CheckOptions.READINESS).isUp().check("db").isUp();
    assertThat(obs.health()).group("search").isDown().check("search").hasMessage("red");
    assertThatThrownBy(() -> assertThat(obs.health()).group(CheckOptions.LIVENESS).check("db"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health group 'liveness' to have a check named 'db' but found none; checks:"
                + " app UP; 'db' is registered in groups [readiness]");
    assertThatThrownBy(() -> assertThat(obs.health()).group(CheckOptions.LIVENESS).isDown())
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected health group 'liveness' to be DOWN but was UP; checks: app UP");
  }

  @Test
  void drainingShowsInTheReadinessGroupAsADownShutdownCheck() {
    register("db");

    obs.health().startDraining();

    assertThat(obs.health())
        .group(CheckOptions.READINESS)
        .isDown()
        .check("shutdown")
        .isDown()
        .hasMessage("draining before shutdown");
    assertThat(obs.health()).group(CheckOptions.LIVENESS).isUp();
  }

  @Test
  void aDescriptionPrefixesTheFailuresOfTheChecksItLeadsTo() {
    register("redis").setDown("connection refused");

    assertThatThrownBy(() -> assertThat(obs.health()).as("after failover").check("redis").isUp())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "[after failover] Expected check 'redis' to be UP but was DOWN; checks: redis DOWN"
                + " \"connection refused\"");
  }
}
