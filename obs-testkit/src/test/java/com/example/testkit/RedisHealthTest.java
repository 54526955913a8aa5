package com.example.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;

import dev.obs.Obs;
import dev.obs.testkit.ControllableCheck;
import dev.obs.testkit.ObsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ObsExtension.class)
class RedisHealthTest {
  @Test
  void redisDownTurnsHealthDown(Obs obs) {
    ControllableCheck redis = new ControllableCheck();
    obs.health().register("redis", redis);

    assertThat(obs.health()).isUp();

    redis.setDown("connection refused");
    assertThat(obs.health()).isDown().check("redis").isDown().hasMessage("connection refused");

    redis.hang();
    assertThat(obs.health()).isDown().check("redis").hasMessageContaining("timed out");
    redis.release();
  }
}
