package dev.obs.testkit;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * A JUnit 5 extension that gives each test its own started {@link Obs}, recording into a fresh
 * {@link SimpleMeterRegistry}, and closes it after the test. One {@link ManualClock} drives both
 * the registry and the {@code Obs} (alert durations, health caches, history, notifications). It
 * resolves parameters of type {@link Obs}, {@link MeterRegistry} and {@link ManualClock} in test
 * methods, {@code @BeforeEach}/{@code @AfterEach} methods and test constructors; within one test
 * they all belong to the same instance.
 *
 * <p>JVM and process meters are off unless {@code obs.metrics.jvm.enabled=true} is configured, so
 * the registry holds only what the test records.
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
  private static final Namespace NAMESPACE = Namespace.create(ObsExtension.class);
  private static final String JVM_METRICS_KEY = "obs.metrics.jvm.enabled";

  private final ObsConfig config;
  private final Consumer<? super Obs.Builder> customizer;

  /** Creates the extension with an empty configuration; used by {@code @ExtendWith}. */
  public ObsExtension() {
    this(ObsConfig.empty(), builder -> {});
  }

  private ObsExtension(ObsConfig config, Consumer<? super Obs.Builder> customizer) {
    this.config = config;
    this.customizer = customizer;
  }

  /**
   * Returns the extension with an empty configuration, for {@code @RegisterExtension}.
   *
   * @return a new extension
   */
  public static ObsExtension create() {
    return new ObsExtension();
  }

  /**
   * Returns an extension whose instances are built from the given {@code obs.*} keys.
   *
   * @param config keys such as {@code obs.http.uri-cap} mapped to their text values
   * @return a new extension
   */
  public static ObsExtension withConfig(Map<String, String> config) {
    return new ObsExtension(ObsConfig.of(config), builder -> {});
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
    Consumer<? super Obs.Builder> first = this.customizer;
    return new ObsExtension(
        config,
        builder -> {
          first.accept(builder);
          customizer.accept(builder);
        });
  }

  /**
   * Tells whether the parameter is an {@link Obs}, a {@link MeterRegistry} or a {@link
   * ManualClock}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test
   * @return true for the supported types
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == Obs.class || type == MeterRegistry.class || type == ManualClock.class;
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
              + " method or the test constructor (without @TestInstance(PER_CLASS))");
    }
    TestObs state = state(extensionContext);
    Class<?> type = parameterContext.getParameter().getType();
    if (type == Obs.class) {
      return state.obs();
    }
    if (type == MeterRegistry.class) {
      return state.obs().meterRegistry();
    }
    return state.clock();
  }

  /**
   * Creates constructor parameters in the context of the test method, so each test instance gets
   * the same {@link Obs} as its test method.
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

  private TestObs state(ExtensionContext context) {
    return context.getStore(NAMESPACE).computeIfAbsent(TestObs.class, k -> newObs(), TestObs.class);
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
    customizer.accept(builder);
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
  record TestObs(Obs obs, ManualClock clock) implements AutoCloseable {
    @Override
    public void close() {
      obs.close();
      obs.meterRegistry().close();
    }
  }
}
