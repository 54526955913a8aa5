package dev.obs.health;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the registry runs one check: its groups, whether it is critical, its timeout, how long a
 * result is cached, flap damping and background refresh. Immutable; start from {@link #builder()}.
 *
 * <pre>{@code
 * CheckOptions options = CheckOptions.builder()
 *     .groups("readiness")
 *     .critical(false)
 *     .timeout(Duration.ofMillis(500))
 *     .flapDamping(3, 2)
 *     .build();
 * }</pre>
 */
public final class CheckOptions {
  /** The liveness group, answered by {@code /livez}. */
  public static final String LIVENESS = "liveness";

  /** The readiness group, answered by {@code /readyz}. */
  public static final String READINESS = "readiness";

  /** The default timeout of a check: 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** The default time a result is reused: 1 second. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(1);

  private final Set<String> groups;
  private final boolean critical;
  private final @Nullable Duration timeout;
  private final @Nullable Duration cacheTtl;
  private final int failuresBeforeDown;
  private final int successesBeforeUp;
  private final @Nullable Duration refreshInterval;
  private final @Nullable String publicTitle;

  private CheckOptions(Builder b) {
    this.groups = Set.copyOf(b.groups);
    this.critical = b.critical;
    this.timeout = b.timeout;
    this.cacheTtl = b.cacheTtl;
    this.failuresBeforeDown = b.failuresBeforeDown;
    this.successesBeforeUp = b.successesBeforeUp;
    this.refreshInterval = b.refreshInterval;
    this.publicTitle = b.publicTitle;
  }

  /**
   * Returns the defaults: readiness group, critical, the registry's timeout and cache TTL, no
   * damping, no background refresh.
   *
   * @return the default options
   */
  public static CheckOptions defaults() {
    return builder().build();
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The groups this check belongs to.
   *
   * @return the group names
   */
  public Set<String> groups() {
    return groups;
  }

  /**
   * Whether a DOWN result makes its groups DOWN; a non-critical DOWN check makes them DEGRADED.
   *
   * @return true when critical
   */
  public boolean critical() {
    return critical;
  }

  /**
   * The timeout, or {@code null} for the registry's default ({@code obs.health.timeout}).
   *
   * @return the timeout or null
   */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /**
   * How long a result is reused, or {@code null} for the registry's default ({@code
   * obs.health.cache-ttl}).
   *
   * @return the TTL or null
   */
  public @Nullable Duration cacheTtl() {
    return cacheTtl;
  }

  /**
   * Consecutive failures needed before the check reports DOWN; 1 means no damping.
   *
   * @return the count
   */
  public int failuresBeforeDown() {
    return failuresBeforeDown;
  }

  /**
   * Consecutive successes needed before a DOWN check reports UP again; 1 means no damping.
   *
   * @return the count
   */
  public int successesBeforeUp() {
    return successesBeforeUp;
  }

  /**
   * How often the check runs in the background, or {@code null} when it runs only on demand.
   *
   * @return the interval or null
   */
  public @Nullable Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * The title shown on the public status page, or {@code null} when the check is not public.
   *
   * @return the title or null
   */
  public @Nullable String publicTitle() {
    return publicTitle;
  }

  /** Builds {@link CheckOptions}. */
  public static final class Builder {
    private Set<String> groups = new LinkedHashSet<>(List.of(READINESS));
    private boolean critical = true;
    private @Nullable Duration timeout;
    private @Nullable Duration cacheTtl;
    private int failuresBeforeDown = 1;
    private int successesBeforeUp = 1;
    private @Nullable Duration refreshInterval;
    private @Nullable String publicTitle;

    private Builder() {}

    /**
     * Sets the groups, replacing the default {@code readiness}.
     *
     * @param names group names such as {@code liveness}, {@code readiness} or custom ones
     * @return this builder
     */
    public Builder groups(String... names) {
      this.groups = new LinkedHashSet<>(List.of(names));
      return this;
    }

    /**
     * Sets whether a DOWN result makes the groups DOWN (critical) or DEGRADED.
     *
     * @param critical true for critical
     * @return this builder
     */
    public Builder critical(boolean critical) {
      this.critical = critical;
      return this;
    }

    /**
     * Sets the timeout; a check still running after it is reported DOWN.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how long a result is reused before the check runs again.
     *
     * @param ttl zero or a positive duration
     * @return this builder
     */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * Damps flapping: report DOWN only after {@code failures} consecutive failures, and UP again
     * only after {@code successes} consecutive successes.
     *
     * @param failures at least 1
     * @param successes at least 1
     * @return this builder
     */
    public Builder flapDamping(int failures, int successes) {
      this.failuresBeforeDown = failures;
      this.successesBeforeUp = successes;
      return this;
    }

    /**
     * Runs the check in the background at this interval, so probes read a fresh cached result.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder refreshEvery(Duration interval) {
      this.refreshInterval = interval;
      return this;
    }

    /**
     * Shows the check on the public status page under this title.
     *
     * @param title the title users see, such as {@code Database}
     * @return this builder
     */
    public Builder publicTitle(String title) {
      this.publicTitle = title;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    public CheckOptions build() {
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("groups must not be empty");
      }
      for (String g : groups) {
        if (g == null || g.isBlank()) {
          throw new IllegalArgumentException("group names must not be blank");
        }
      }
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      if (cacheTtl != null && cacheTtl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must not be negative, got " + cacheTtl);
      }
      if (failuresBeforeDown < 1 || successesBeforeUp < 1) {
        throw new IllegalArgumentException(
            "flapDamping counts must be at least 1, got "
                + failuresBeforeDown
                + " and "
                + successesBeforeUp);
      }
      if (refreshInterval != null && (refreshInterval.isNegative() || refreshInterval.isZero())) {
        throw new IllegalArgumentException("refreshEvery must be positive, got " + refreshInterval);
      }
      return new CheckOptions(this);
    }
  }
}
