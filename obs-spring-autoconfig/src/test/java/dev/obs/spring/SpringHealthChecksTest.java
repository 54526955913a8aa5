package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.health.HealthStatus;
import dev.obs.health.checks.RedisCheckOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SpringHealthChecksTest {
  private static RedisCheckOptions redis(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return SpringHealthChecks.redisOptions(environment);
  }

  @Test
  void readsTheRedisUrlWithCredentialsDatabaseAndTls() {
    RedisCheckOptions options =
        redis(Map.of("spring.data.redis.url", "rediss://app:s3cret@cache.internal:6380/2"));

    assertThat(options.host()).isEqualTo("cache.internal");
    assertThat(options.port()).isEqualTo(6380);
    assertThat(options.username()).isEqualTo("app");
    assertThat(options.password()).isEqualTo("s3cret");
    assertThat(options.database()).isEqualTo(2);
    assertThat(options.tls()).isTrue();
  }

  @Test
  void readsTheSeparateRedisProperties() {
    RedisCheckOptions options =
        redis(
            Map.of(
                "spring.data.redis.host", "10.0.0.5",
                "spring.data.redis.password", "pw",
                "spring.data.redis.database", "3"));

    assertThat(options.host()).isEqualTo("10.0.0.5");
    assertThat(options.port()).isEqualTo(6379);
    assertThat(options.username()).isNull();
    assertThat(options.password()).isEqualTo("pw");
    assertThat(options.database()).isEqualTo(3);
    assertThat(options.tls()).isFalse();
  }

  @Test
  void noHostAndNoUrlMeansNoRedisCheck() {
    assertThat(redis(Map.of("spring.data.redis.port", "6380"))).isNull();
  }

  @Test
  void anUnreadableRedisUrlIsRejectedWithTheValue() {
    assertThatThrownBy(() -> redis(Map.of("spring.data.redis.url", "http://cache:6379")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "spring.data.redis.url must be a URL like redis://host:6379/0, got 'http://cache:6379'");
  }

  @Test
  void theRedisCheckReachesARealRedis() {
    Services.requireRedis();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ObsAutoConfiguration.class))
        .withPropertyValues(
            "spring.data.redis.host=" + Services.REDIS_HOST,
            "spring.data.redis.port=" + Services.REDIS_PORT,
            "obs.metrics.jvm.enabled=false")
        .run(
            context -> {
              Obs obs = context.getBean(Obs.class);
              assertThat(obs.health().checkAll().check("redis").status())
                  .as("redis check against %s:%d", Services.REDIS_HOST, Services.REDIS_PORT)
                  .isEqualTo(HealthStatus.UP);
            });
  }

  @Test
  void anUnreachableRedisIsDownWithinTheTimeout() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ObsAutoConfiguration.class))
        .withPropertyValues(
            "spring.data.redis.url=redis://127.0.0.1:1/0",
            "obs.health.timeout=2s",
            "obs.metrics.jvm.enabled=false")
        .run(
            context -> {
              Obs obs = context.getBean(Obs.class);
              var result = obs.health().checkAll().check("redis");
              assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
              assertThat(result.duration()).isLessThanOrEqualTo(Duration.ofSeconds(3));
            });
  }
}
