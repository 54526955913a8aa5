package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs obs in any servlet 6 container when the jar is on a web application's classpath: it
 * builds an {@link Obs} with a Prometheus registry from the {@code obs.*} configuration (context
 * init parameters, then the environment), starts it, registers it with {@link ObsServlets} and
 * closes it when the context is destroyed. {@code obs.servlet.enabled=false} turns it off; an
 * {@link Obs} already in the context attribute {@link ObsServlets#OBS_ATTRIBUTE} is used as is.
 */
public final class ObsServletContainerInitializer implements ServletContainerInitializer {
  private static final Logger log = LoggerFactory.getLogger(ObsServletContainerInitializer.class);

  /** Creates the initializer; containers call this through the service loader. */
  public ObsServletContainerInitializer() {}

  @Override
  public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context) {
    ObsConfig config = config(context);
    if (!config.bool("obs.servlet.enabled", true)) {
      log.info("obs servlet: obs.servlet.enabled=false, not installing obs");
      return;
    }
    Object existing = context.getAttribute(ObsServlets.OBS_ATTRIBUTE);
    if (existing instanceof Obs obs) {
      ObsServlets.register(context, obs);
      return;
    }
    Obs obs =
        Obs.builder()
            .config(config)
            .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .build()
            .start();
    ObsServlets.register(context, obs);
    context.addListener(new Closer(obs));
    log.info("obs servlet: installed; metrics at {}/metrics", context.getContextPath());
  }

  private static ObsConfig config(ServletContext context) {
    Map<String, String> params = new HashMap<>();
    for (String name : Collections.list(context.getInitParameterNames())) {
      if (name.startsWith("obs.")) {
        params.put(name, context.getInitParameter(name));
      }
    }
    // Both maps hold keys in the same relaxed form, so the environment wins for every key.
    Map<String, String> values = new LinkedHashMap<>(ObsConfig.of(params).asMap());
    values.putAll(ObsConfig.fromEnvironment().asMap());
    return ObsConfig.of(values);
  }

  /** Closes the {@link Obs} with the context, and closes the registry obs created for it. */
  private static final class Closer implements ServletContextListener {
    private final Obs obs;

    Closer(Obs obs) {
      this.obs = obs;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      obs.close();
      obs.meterRegistry().close();
    }
  }
}
