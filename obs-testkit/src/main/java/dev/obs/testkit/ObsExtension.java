package dev.obs.testkit;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 and 6 extension that gives each test its own started {@link Obs}, recording into a
 * fresh {@link SimpleMeterRegistry}, and closes it after the test. One {@link ManualClock} drives
 * both the registry and the {@code Obs} (alert durations, health caches, history, notifications).
 * It resolves parameters of type {@link Obs}, {@link MeterRegistry}, {@link ManualClock}, {@link
 * ObsTime} and {@link LogCapture} (all loggers, detached after the test) in test methods,
 * {@code @BeforeEach}/{@code @AfterEach} methods and test constructors; within one test they all
 * belong to the same instance.
 *
 * <p>The defaults suit tests ({@link #TEST_DEFAULTS}; keys given to {@link #withConfig(Map)} win):
 * no background threads ({@code obs.background.enabled=false}: alert rules, notification timers and
 * health refreshes run when the test calls {@link ObsTime#advance(java.time.Duration)} or their own
 * {@code evaluateDue()}, {@code tick()} and {@code refreshDue()}), no health result cache ({@code
 * obs.health.cache-ttl=0s}) and a 250 ms check timeout. JVM and process meters are off unless
 * {@code obs.metrics.jvm.enabled=true} is configured, so the registry holds only what the test
 * records.
 *
 * <pre>{@code
 * @ExtendWith(ObsExtension.class)
 * class CheckoutTest {
 *   @Test
 *   void recordsTheRequest(Obs obs, MeterRegistry registry, ManualClock clock) {
 *     obs.http().record(new HttpExchange("GET", "/cart", "/cart", 200, 1_000_000, null, null));
 *     ObsAssertions.assertThat(registry).timer("http.server.requests").hasCount(1);
 *   }
 * }
 *
 * // or, to configure it:
 * @RegisterExtension
 * static final ObsExtension obs =
 *     ObsExtension.withConfig(Map.of("obs.http.buckets", "100ms,1s"))
 *         .customize(builder -> builder.jvmMetrics(true));
 * }</pre>
 */
public final class ObsExtension implements ParameterResolver, AfterEachCallback {
  /**
   * The configuration every test starts from: no background threads, no health cache, a 250 ms
   * check timeout.
   */
  public static final Map<String, String> TEST_DEFAULTS =
      Map.of(
          "obs.background.enabled", "false",
          "obs.health.cache-ttl", "0s",
          "obs.health.timeout", "250ms");

  private static final Namespace NAMESPACE = Namespace.create(ObsExtension.class);
  private static final String JVM_METRICS_KEY = "obs.metrics.jvm.enabled";

  private final ObsConfig config;
  private final Customizer customizer;

  /**
   * Changes the builder of each test's {@link Obs}, with the registry and clock the testkit made
   * for that test, so a plug-in or notifications built here use the same ones.
   */
  @FunctionalInterface
  public interface Customizer {
    /**
     * Changes the builder.
     *
     * @param builder the builder, with the testkit's registry, clock and configuration set
     * @param registry the test's registry
     * @param clock the test's clock
     */
    void customize(Obs.Builder builder, MeterRegistry registry, ManualClock clock);
  }

  /** Creates the extension with the test defaults; used by {@code @ExtendWith}. */
  public ObsExtension() {
    this(ObsConfig.of(TEST_DEFAULTS), (builder, registry, clock) -> {});
  }

  private ObsExtension(ObsConfig config, Customizer customizer) {
    this.config = config;
    this.customizer = customizer;
  }

  /**
   * Returns the extension with the test defaults, for {@code @RegisterExtension}.
   *
   * @return a new extension
   */
  public static ObsExtension create() {
    return new ObsExtension();
  }

  /**
   * Returns an extension whose instances are built from the given {@code obs.*} keys, over the
   * {@link #TEST_DEFAULTS}.
   *
   * @param config keys such as {@code obs.http.uri-cap} mapped to their text values
   * @return a new extension
   */
  public static ObsExtension withConfig(Map<String, String> config) {
    Map<String, String> merged = new LinkedHashMap<>(TEST_DEFAULTS);
    merged.putAll(config);
    return new ObsExtension(ObsConfig.of(merged), (builder, registry, clock) -> {});
  }

  /**
   * Returns a copy of this extension that also applies the given customizer to each builder, after
   * the testkit's defaults. The customizer must not replace the meter registry.
   *
   * @param customizer changes to the builder, such as {@code b -> b.http(options)}
   * @return a new extension
   */
  public ObsExtension customize(Consumer<? super Obs.Builder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    return customize((builder, registry, clock) -> customizer.accept(builder));
  }

  /**
   * Returns a copy of this extension that also applies the given customizer, which receives the
   * test's registry and clock along with the builder.
   *
   * <pre>{@code
   * ObsExtension.create()
   *     .customize((builder, registry, clock) -> builder.plugin(
   *         Alerting.builder().notifications(
   *             Notifications.builder(registry).clock(clock).backgroundTicks(false)
   *                 .receiver("telegram", notifier).build())));
   * }</pre>
   *
   * @param customizer changes to the builder
   * @return a new extension
   */
  public ObsExtension customize(Customizer customizer) {
    Objects.requireNonNull(customizer, "customizer");
    Customizer first = this.customizer;
    return new ObsExtension(
        config,
        (builder, registry, clock) -> {
          first.customize(builder, registry, clock);
          customizer.customize(builder, registry, clock);
        });
  }

  /**
   * Tells whether the parameter is an {@link Obs}, a {@link MeterRegistry}, a {@link ManualClock},
   * an {@link ObsTime} or a {@link LogCapture}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test
   * @return true for the supported types
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == Obs.class
        || type == MeterRegistry.class
        || type == ManualClock.class
        || type == ObsTime.class
        || type == LogCapture.class;
  }

  /**
   * Returns the current test's {@link Obs}, its registry or its clock, creating them on first use.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test
   * @return the value for the parameter
   * @throws ParameterResolutionException when the parameter belongs to code that runs outside a
   *     single test, such as a {@code @BeforeAll} method
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (extensionContext.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "ObsExtension gives each test its own Obs, so it cannot resolve parameter '"
              + parameterContext.getParameter()
              + "' of "
              + parameterContext.getDeclaringExecutable()
              + ", which runs outside a single test; take it in the test method, a @BeforeEach"
              + " method or the test constructor (on JUnit 5.12 or later, without"
              + " @TestInstance(PER_CLASS))");
    }
    TestObs state = state(extensionContext);
    Class<?> type = parameterContext.getParameter().getType();
    if (type == Obs.class) {
      return state.obs();
    }
    if (type == MeterRegistry.class) {
      return state.obs().meterRegistry();
    }
    if (type == ObsTime.class) {
      return state.time();
    }
    if (type == LogCapture.class) {
      return state.logs();
    }
    return state.clock();
  }

  /**
   * Creates constructor parameters in the context of the test method, so each test instance gets
   * the same {@link Obs} as its test method. JUnit 5.12 and later call it; earlier versions do not
   * know the method and resolve constructor parameters in the class context, which this extension
   * refuses with a message.
   *
   * @param rootContext the root context
   * @return {@link ExtensionContextScope#TEST_METHOD}
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  /**
   * Closes the test's {@link Obs}, if one was created.
   *
   * @param context the test
   */
  @Override
  public void afterEach(ExtensionContext context) {
    TestObs state = context.getStore(NAMESPACE).remove(TestObs.class, TestObs.class);
    if (state != null) {
      state.close();
    }
  }

  // getOrComputeIfAbsent is deprecated in JUnit 6 in favour of computeIfAbsent, which JUnit 5 does
  // not have; one jar serves both, so it keeps the method both versions share.
  @SuppressWarnings("deprecation")
  private TestObs state(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestObs.class, k -> newObs(), TestObs.class);
  }

  private TestObs newObs() {
    ManualClock clock = new ManualClock();
    SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    Obs.Builder builder =
        Obs.builder()
            .clock(clock)
            .meterRegistry(registry)
            .config(config)
            .jvmMetrics(config.bool(JVM_METRICS_KEY, false));
    customizer.customize(builder, registry, clock);
    Obs obs = builder.build();
    if (obs.meterRegistry() != registry) {
      obs.close();
      throw new IllegalStateException(
          "ObsExtension.customize must not replace the meter registry: the testkit supplies a"
              + " SimpleMeterRegistry driven by the test's ManualClock; record into the injected"
              + " MeterRegistry instead");
    }
    return new TestObs(obs.start(), clock);
  }

  /** What one test holds; the store closes it too if the test ends before {@code afterEach}. */
  static final class TestObs implements AutoCloseable {
    private final Obs obs;
    private final ManualClock clock;
    private final ObsTime time;
    private @org.jspecify.annotations.Nullable LogCapture logs;

    TestObs(Obs obs, ManualClock clock) {
      this.obs = obs;
      this.clock = clock;
      this.time = new ObsTime(obs, clock);
    }

    Obs obs() {
      return obs;
    }

    ManualClock clock() {
      return clock;
    }

    ObsTime time() {
      return time;
    }

    synchronized LogCapture logs() {
      if (logs == null) {
        logs = LogCapture.root();
      }
      return logs;
    }

    @Override
    public synchronized void close() {
      if (logs != null) {
        logs.close();
      }
      obs.close();
      obs.meterRegistry().close();
    }
  }
}
