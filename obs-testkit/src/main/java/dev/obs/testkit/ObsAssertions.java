package dev.obs.testkit;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The entry point to obs's AssertJ assertions. Import it statically next to AssertJ's own {@code
 * Assertions}; the overload on {@link MeterRegistry} does not clash with theirs.
 *
 * <pre>{@code
 * import static dev.obs.testkit.ObsAssertions.assertThat;
 *
 * assertThat(registry)
 *     .timer("http.server.requests")
 *     .withTag("uri", "/users/{id}")
 *     .withTag("status", "404")
 *     .hasCount(1)
 *     .hasMax(Duration.ofMillis(12));
 * }</pre>
 */
public final class ObsAssertions {
  private ObsAssertions() {}

  /**
   * Starts assertions on the meters of a registry.
   *
   * @param registry the registry, usually the one {@link ObsExtension} injects
   * @return an assert on the registry
   */
  public static MeterRegistryAssert assertThat(MeterRegistry registry) {
    return new MeterRegistryAssert(registry);
  }
}
