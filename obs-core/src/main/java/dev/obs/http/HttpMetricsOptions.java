package dev.obs.http;

import dev.obs.config.ObsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How HTTP server exchanges are recorded: histogram buckets, client-side percentiles, the cap on
 * distinct {@code uri} values, excluded paths and which statuses count as errors. Immutable; build
 * with {@link #builder()} or read from {@code obs.http.*} keys with {@link #fromConfig(ObsConfig)}.
 *
 * <pre>{@code
 * HttpMetricsOptions options = HttpMetricsOptions.builder()
 *     .uriCap(200)
 *     .exclude("/internal/**")
 *     .errorStatuses("5xx,429")
 *     .build();
 * }</pre>
 */
public final class HttpMetricsOptions {
  /** Default histogram bucket boundaries, from 5 ms to 10 s. */
  public static final List<Duration> DEFAULT_BUCKETS =
      List.of(
          Duration.ofMillis(5),
          Duration.ofMillis(10),
          Duration.ofMillis(25),
          Duration.ofMillis(50),
          Duration.ofMillis(75),
          Duration.ofMillis(100),
          Duration.ofMillis(250),
          Duration.ofMillis(500),
          Duration.ofMillis(750),
          Duration.ofSeconds(1),
          Duration.ofMillis(2500),
          Duration.ofSeconds(5),
          Duration.ofMillis(7500),
          Duration.ofSeconds(10));

  /** The default cap on distinct {@code uri} tag values: 500. */
  public static final int DEFAULT_URI_CAP = 500;

  /** The default statuses that count as errors: {@code 5xx}. */
  public static final String DEFAULT_ERROR_STATUSES = "5xx";

  /** Paths of obs's own endpoints, not recorded unless {@code obs.http.record-obs-endpoints}. */
  public static final List<String> OBS_ENDPOINTS =
      List.of("/metrics", "/livez", "/readyz", "/healthz", "/status/**", "/status.json", "/obs/**");

  private final boolean enabled;
  private final List<Duration> buckets;
  private final List<Double> percentiles;
  private final int uriCap;
  private final List<String> exclude;
  private final boolean recordObsEndpoints;
  private final String errorStatuses;
  private final StatusSet errorSet;
  private final PathPatterns excluded;

  private HttpMetricsOptions(Builder b) {
    this.enabled = b.enabled;
    this.buckets = List.copyOf(b.buckets);
    this.percentiles = List.copyOf(b.percentiles);
    this.uriCap = b.uriCap;
    this.exclude = List.copyOf(b.exclude);
    this.recordObsEndpoints = b.recordObsEndpoints;
    this.errorStatuses = b.errorStatuses;
    this.errorSet = StatusSet.parse(b.errorStatuses);
    List<String> all = new ArrayList<>(exclude);
    if (!recordObsEndpoints) {
      all.addAll(OBS_ENDPOINTS);
    }
    this.excluded = new PathPatterns(all);
  }

  /**
   * Returns the defaults.
   *
   * @return options with every default
   */
  public static HttpMetricsOptions defaults() {
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
   * Reads the {@code obs.http.*} keys: {@code enabled}, {@code buckets}, {@code percentiles},
   * {@code uri-cap}, {@code exclude}, {@code record-obs-endpoints}, {@code error-statuses}.
   *
   * @param config the configuration
   * @return the options
   * @throws dev.obs.config.ObsConfigException naming the key when a value is invalid
   */
  public static HttpMetricsOptions fromConfig(ObsConfig config) {
    Builder b = builder();
    b.enabled(config.bool("obs.http.enabled", true));
    b.uriCap(config.positiveInt("obs.http.uri-cap", DEFAULT_URI_CAP));
    b.recordObsEndpoints(config.bool("obs.http.record-obs-endpoints", false));
    List<String> bucketText = config.list("obs.http.buckets");
    if (!bucketText.isEmpty()) {
      List<Duration> buckets = new ArrayList<>();
      for (String item : bucketText) {
        Duration d = ObsConfig.parseDuration(item);
        if (d == null || d.isZero() || d.isNegative()) {
          throw ObsConfig.invalid(
              "obs.http.buckets",
              String.join(",", bucketText),
              "must be a list of positive durations like 50ms,250ms,1s (bad item '" + item + "')");
        }
        buckets.add(d);
      }
      b.buckets(buckets);
    }
    List<Double> percentiles = new ArrayList<>();
    for (String item : config.list("obs.http.percentiles")) {
      double p;
      try {
        p = Double.parseDouble(item);
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (!(p > 0 && p < 1)) {
        throw ObsConfig.invalid(
            "obs.http.percentiles",
            String.join(",", config.list("obs.http.percentiles")),
            "must be a list of numbers between 0 and 1 like 0.5,0.95,0.99 (bad item '"
                + item
                + "')");
      }
      percentiles.add(p);
    }
    b.percentiles(percentiles);
    for (String pattern : config.list("obs.http.exclude")) {
      if (!PathPatterns.isValid(pattern)) {
        throw ObsConfig.invalid(
            "obs.http.exclude",
            pattern,
            "must be a list of path patterns starting with '/', like /internal/** or /assets/*.js");
      }
      b.exclude(pattern);
    }
    String errors = config.string("obs.http.error-statuses", DEFAULT_ERROR_STATUSES);
    try {
      StatusSet.parse(errors);
    } catch (IllegalArgumentException e) {
      throw ObsConfig.invalid(
          "obs.http.error-statuses",
          errors,
          "must be a list of status codes, ranges or classes like 5xx,429 or 500-599 ("
              + e.getMessage()
              + ")");
    }
    b.errorStatuses(errors);
    return b.build();
  }

  /**
   * Returns a builder initialised with these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = enabled;
    b.buckets = new ArrayList<>(buckets);
    b.percentiles = new ArrayList<>(percentiles);
    b.uriCap = uriCap;
    b.exclude = new ArrayList<>(exclude);
    b.recordObsEndpoints = recordObsEndpoints;
    b.errorStatuses = errorStatuses;
    return b;
  }

  /**
   * Whether exchanges are recorded at all. The default is true.
   *
   * @return true when recording
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Histogram bucket boundaries published for {@code http.server.requests}.
   *
   * @return the boundaries, ascending
   */
  public List<Duration> buckets() {
    return buckets;
  }

  /**
   * Client-side percentiles published as gauges; none by default, since they cannot be aggregated
   * across instances.
   *
   * @return the percentiles, each between 0 and 1
   */
  public List<Double> percentiles() {
    return percentiles;
  }

  /**
   * The cap on distinct {@code uri} values; past it the tag is {@code OTHER}.
   *
   * @return the cap, 500 by default
   */
  public int uriCap() {
    return uriCap;
  }

  /**
   * Extra path patterns that are not recorded.
   *
   * @return the patterns
   */
  public List<String> exclude() {
    return exclude;
  }

  /**
   * Whether requests to obs's own endpoints are recorded. The default is false.
   *
   * @return true when they are recorded
   */
  public boolean recordObsEndpoints() {
    return recordObsEndpoints;
  }

  /**
   * The statuses that count as errors, as written, such as {@code 5xx}.
   *
   * @return the status spec
   */
  public String errorStatuses() {
    return errorStatuses;
  }

  /**
   * Tells whether a status counts as an error.
   *
   * @param status an HTTP status
   * @return true when it is an error
   */
  public boolean isError(int status) {
    return errorSet.contains(status);
  }

  /**
   * Tells whether requests to a path are left unrecorded.
   *
   * @param path the path within the application
   * @return true when excluded
   */
  public boolean isExcluded(String path) {
    return excluded.matches(path);
  }

  /** Builds {@link HttpMetricsOptions}; starts from the defaults. */
  public static final class Builder {
    private boolean enabled = true;
    private List<Duration> buckets = new ArrayList<>(DEFAULT_BUCKETS);
    private List<Double> percentiles = new ArrayList<>();
    private int uriCap = DEFAULT_URI_CAP;
    private List<String> exclude = new ArrayList<>();
    private boolean recordObsEndpoints;
    private String errorStatuses = DEFAULT_ERROR_STATUSES;

    private Builder() {}

    /**
     * Turns recording on or off.
     *
     * @param enabled whether to record
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Sets the histogram bucket boundaries.
     *
     * @param buckets positive durations
     * @return this builder
     */
    public Builder buckets(List<Duration> buckets) {
      this.buckets = new ArrayList<>(buckets);
      return this;
    }

    /**
     * Sets the client-side percentiles to publish.
     *
     * @param percentiles values between 0 and 1
     * @return this builder
     */
    public Builder percentiles(List<Double> percentiles) {
      this.percentiles = new ArrayList<>(percentiles);
      return this;
    }

    /**
     * Sets the cap on distinct {@code uri} values.
     *
     * @param uriCap a positive number
     * @return this builder
     */
    public Builder uriCap(int uriCap) {
      this.uriCap = uriCap;
      return this;
    }

    /**
     * Adds path patterns that are not recorded: exact paths, {@code /prefix/**} or {@code *} within
     * a segment.
     *
     * @param patterns patterns starting with {@code /}
     * @return this builder
     */
    public Builder exclude(String... patterns) {
      exclude.addAll(List.of(patterns));
      return this;
    }

    /**
     * Chooses whether requests to obs's own endpoints are recorded.
     *
     * @param record true to record them
     * @return this builder
     */
    public Builder recordObsEndpoints(boolean record) {
      this.recordObsEndpoints = record;
      return this;
    }

    /**
     * Sets which statuses count as errors, such as {@code 5xx,429} or {@code 500-599}.
     *
     * @param spec status codes, ranges and classes separated by commas
     * @return this builder
     */
    public Builder errorStatuses(String spec) {
      this.errorStatuses = spec;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    public HttpMetricsOptions build() {
      if (uriCap < 1) {
        throw new IllegalArgumentException("uriCap must be at least 1, got " + uriCap);
      }
      if (buckets.isEmpty()) {
        throw new IllegalArgumentException("buckets must not be empty");
      }
      for (Duration d : buckets) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("buckets must be positive durations, got " + d);
        }
      }
      for (double p : percentiles) {
        if (!(p > 0 && p < 1)) {
          throw new IllegalArgumentException("percentiles must be between 0 and 1, got " + p);
        }
      }
      for (String p : exclude) {
        if (!PathPatterns.isValid(p)) {
          throw new IllegalArgumentException(
              "exclude patterns must start with '/', got '" + p + "'");
        }
      }
      buckets.sort(null);
      return new HttpMetricsOptions(this);
    }
  }
}
