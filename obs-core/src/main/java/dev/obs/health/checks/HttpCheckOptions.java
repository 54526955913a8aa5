package dev.obs.health.checks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@link HealthChecks#http(HttpCheckOptions)} requests and accepts: one or more URLs tried in
 * order until one answers with an expected status, the expected statuses (any 2xx by default) and
 * the timeout. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * HttpCheckOptions options = HttpCheckOptions.builder()
 *     .url("http://payments.internal/api/health")
 *     .url("http://payments.internal/health")
 *     .expectedStatuses(200, 204)
 *     .timeout(Duration.ofSeconds(1))
 *     .build();
 * }</pre>
 */
public final class HttpCheckOptions {
  private final List<URI> urls;
  private final Set<Integer> expectedStatuses;
  private final Duration timeout;

  private HttpCheckOptions(Builder b) {
    this.urls = List.copyOf(b.urls);
    this.expectedStatuses = Collections.unmodifiableSet(new TreeSet<>(b.expectedStatuses));
    this.timeout = b.timeout;
  }

  /**
   * Returns a builder with the defaults and no URL yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The URLs, in the order they are tried.
   *
   * @return one or more URLs
   */
  public List<URI> urls() {
    return urls;
  }

  /**
   * The statuses that count as healthy; empty means any 2xx, the default.
   *
   * @return the statuses, ascending
   */
  public Set<Integer> expectedStatuses() {
    return expectedStatuses;
  }

  /**
   * The connect timeout, and separately the time allowed for each URL's response headers; 2 seconds
   * by default. A chain of URLs that all hang takes up to one timeout per URL.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  boolean isExpected(int status) {
    return expectedStatuses.isEmpty()
        ? status >= 200 && status < 300
        : expectedStatuses.contains(status);
  }

  String expectedText() {
    return expectedStatuses.isEmpty()
        ? "2xx"
        : expectedStatuses.stream().map(String::valueOf).collect(Collectors.joining(" or "));
  }

  /** Builds {@link HttpCheckOptions}; starts from the defaults. */
  public static final class Builder {
    private final List<URI> urls = new ArrayList<>();
    private final Set<Integer> expectedStatuses = new TreeSet<>();
    private Duration timeout = HealthChecks.DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Adds a URL to the end of the chain.
     *
     * @param url an {@code http} or {@code https} URL
     * @return this builder
     */
    public Builder url(URI url) {
      urls.add(url);
      return this;
    }

    /**
     * Adds a URL to the end of the chain.
     *
     * @param url an {@code http} or {@code https} URL
     * @return this builder
     * @throws IllegalArgumentException when the text is not a URI
     */
    public Builder url(String url) {
      try {
        return url(new URI(url));
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("url must be a valid URI, got '" + url + "'", e);
      }
    }

    /**
     * Replaces the expected statuses; with none given, any 2xx is expected.
     *
     * @param statuses HTTP statuses between 100 and 599
     * @return this builder
     */
    public Builder expectedStatuses(int... statuses) {
      expectedStatuses.clear();
      for (int status : statuses) {
        expectedStatuses.add(status);
      }
      return this;
    }

    /**
     * Sets the connect and response timeout.
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
     * @throws IllegalStateException when no URL was added
     */
    public HttpCheckOptions build() {
      if (urls.isEmpty()) {
        throw new IllegalStateException("at least one url is required; call url(\"http://...\")");
      }
      for (URI url : urls) {
        String scheme = url.getScheme();
        if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
          throw new IllegalArgumentException(
              "url must be an absolute http or https URL like http://host:8080/health, got '"
                  + url
                  + "'");
        }
      }
      for (int status : expectedStatuses) {
        if (status < 100 || status > 599) {
          throw new IllegalArgumentException(
              "expectedStatuses must be HTTP statuses between 100 and 599, got " + status);
        }
      }
      Units.positive("timeout", timeout);
      return new HttpCheckOptions(this);
    }
  }
}
