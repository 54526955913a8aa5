package dev.obs.health.checks;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how {@link HealthChecks#redis(RedisCheckOptions)} reaches Redis. Immutable; build with
 * {@link #builder()}. The password never appears in {@link #toString()}.
 *
 * <pre>{@code
 * RedisCheckOptions options = RedisCheckOptions.builder()
 *     .host("cache.internal")
 *     .password(System.getenv("REDIS_PASSWORD"))
 *     .database(1)
 *     .timeout(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 */
public final class RedisCheckOptions {
  /** The default port: 6379. */
  public static final int DEFAULT_PORT = 6379;

  private final String host;
  private final int port;
  private final @Nullable String username;
  private final @Nullable String password;
  private final int database;
  private final boolean tls;
  private final Duration timeout;

  private RedisCheckOptions(Builder b) {
    this.host = Objects.requireNonNull(b.host);
    this.port = b.port;
    this.username = b.username;
    this.password = b.password;
    this.database = b.database;
    this.tls = b.tls;
    this.timeout = b.timeout;
  }

  /**
   * Returns a builder with the defaults and no host yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The host name or address.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * The port; 6379 by default.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The ACL user name sent with {@code AUTH}, or {@code null} to authenticate with the password
   * alone (the {@code default} user).
   *
   * @return the user name, or {@code null}
   */
  public @Nullable String username() {
    return username;
  }

  /**
   * The password sent with {@code AUTH}, or {@code null} to send no {@code AUTH}.
   *
   * @return the password, or {@code null}
   */
  public @Nullable String password() {
    return password;
  }

  /**
   * The database index chosen with {@code SELECT}; 0 by default, which sends no {@code SELECT}.
   *
   * @return the index
   */
  public int database() {
    return database;
  }

  /**
   * Whether to connect with TLS, using the JVM's default {@code SSLSocketFactory} and verifying the
   * host name. The default is false.
   *
   * @return true for TLS
   */
  public boolean tls() {
    return tls;
  }

  /**
   * The connect timeout, also used as the timeout of each read; 2 seconds by default.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "RedisCheckOptions[host="
        + host
        + ", port="
        + port
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "****")
        + ", database="
        + database
        + ", tls="
        + tls
        + ", timeout="
        + timeout
        + "]";
  }

  /** Builds {@link RedisCheckOptions}; starts from the defaults. */
  public static final class Builder {
    private @Nullable String host;
    private int port = DEFAULT_PORT;
    private @Nullable String username;
    private @Nullable String password;
    private int database;
    private boolean tls;
    private Duration timeout = HealthChecks.DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Sets the host name or address; required.
     *
     * @param host the host
     * @return this builder
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port between 1 and 65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets the ACL user name; needs a password as well.
     *
     * @param username the user name, or {@code null} for the {@code default} user
     * @return this builder
     */
    public Builder username(@Nullable String username) {
      this.username = username;
      return this;
    }

    /**
     * Sets the password.
     *
     * @param password the password, or {@code null} for none
     * @return this builder
     */
    public Builder password(@Nullable String password) {
      this.password = password;
      return this;
    }

    /**
     * Sets the database index to {@code SELECT}.
     *
     * @param database zero or more
     * @return this builder
     */
    public Builder database(int database) {
      this.database = database;
      return this;
    }

    /**
     * Turns TLS on or off.
     *
     * @param tls true for TLS
     * @return this builder
     */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Sets the connect and read timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the option when a value is invalid
     * @throws IllegalStateException when no host is set, or a user name has no password
     */
    public RedisCheckOptions build() {
      if (host == null) {
        throw new IllegalStateException("host is required; call host(\"redis.example\")");
      }
      Units.host(host);
      Units.port(port);
      Units.positive("timeout", timeout);
      if (database < 0) {
        throw new IllegalArgumentException("database must be 0 or more, got " + database);
      }
      if (username != null && password == null) {
        throw new IllegalStateException(
            "username '" + username + "' needs a password; AUTH takes both");
      }
      return new RedisCheckOptions(this);
    }
  }
}
