package dev.obs.spring;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthRegistry;
import dev.obs.health.checks.HealthChecks;
import dev.obs.health.checks.RedisCheckOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Registers the health checks a Spring application implies: its {@link HealthCheck} beans, a JDBC
 * check per {@link DataSource} bean and a Redis check when {@code spring.data.redis.*} names a
 * server.
 */
final class SpringHealthChecks {
  private static final Logger log = LoggerFactory.getLogger(SpringHealthChecks.class);

  private SpringHealthChecks() {}

  /** Registers each bean under its bean name. */
  static void registerBeans(HealthRegistry health, Map<String, HealthCheck> checks) {
    checks.forEach((name, check) -> registerIfAbsent(health, name, check));
  }

  /**
   * Registers {@code db} for a single data source, or one check per bean name when there are
   * several, so each pool reports on its own.
   */
  static void registerDataSources(HealthRegistry health, Map<String, DataSource> dataSources) {
    if (dataSources.size() == 1) {
      registerIfAbsent(health, "db", HealthChecks.jdbc(dataSources.values().iterator().next()));
      return;
    }
    dataSources.forEach(
        (name, dataSource) -> registerIfAbsent(health, name, HealthChecks.jdbc(dataSource)));
  }

  /** Registers {@code redis} when the environment names a Redis server. */
  static void registerRedis(HealthRegistry health, Environment environment) {
    RedisCheckOptions options = redisOptions(environment);
    if (options != null) {
      registerIfAbsent(health, "redis", HealthChecks.redis(options));
    }
  }

  /**
   * Reads Spring Boot's Redis connection properties: {@code spring.data.redis.url} when set, else
   * {@code host}, {@code port}, {@code username}, {@code password}, {@code database} and {@code
   * ssl.enabled}.
   *
   * @return the options, or {@code null} when neither a URL nor a host is set
   * @throws IllegalStateException when the URL or the port cannot be read
   */
  static @Nullable RedisCheckOptions redisOptions(Environment environment) {
    String url = environment.getProperty("spring.data.redis.url");
    String host = environment.getProperty("spring.data.redis.host");
    if ((url == null || url.isBlank()) && (host == null || host.isBlank())) {
      return null;
    }
    RedisCheckOptions.Builder b = RedisCheckOptions.builder();
    if (url != null && !url.isBlank()) {
      fromUrl(b, url.trim());
    } else {
      b.host(host.trim());
      b.port(environment.getProperty("spring.data.redis.port", Integer.class, 6379));
      b.username(environment.getProperty("spring.data.redis.username"));
      b.password(environment.getProperty("spring.data.redis.password"));
      b.database(environment.getProperty("spring.data.redis.database", Integer.class, 0));
      b.tls(environment.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false));
    }
    return b.build();
  }

  private static void fromUrl(RedisCheckOptions.Builder b, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "spring.data.redis.url must be a URL like redis://host:6379/0, got '" + url + "'", e);
    }
    String scheme = uri.getScheme();
    if (uri.getHost() == null || !("redis".equals(scheme) || "rediss".equals(scheme))) {
      throw new IllegalStateException(
          "spring.data.redis.url must be a URL like redis://host:6379/0, got '" + url + "'");
    }
    b.host(uri.getHost());
    b.port(uri.getPort() > 0 ? uri.getPort() : RedisCheckOptions.DEFAULT_PORT);
    b.tls("rediss".equals(scheme));
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        b.password(userInfo);
      } else {
        String user = userInfo.substring(0, colon);
        b.username(user.isEmpty() ? null : user);
        b.password(userInfo.substring(colon + 1));
      }
    }
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      try {
        b.database(Integer.parseInt(path.substring(1)));
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            "spring.data.redis.url must end in a database number like /0, got '" + url + "'", e);
      }
    }
  }

  private static void registerIfAbsent(HealthRegistry health, String name, HealthCheck check) {
    if (health.names().contains(name)) {
      log.info("obs spring: a health check named '{}' is already registered; keeping it", name);
      return;
    }
    health.register(name, check);
  }
}
