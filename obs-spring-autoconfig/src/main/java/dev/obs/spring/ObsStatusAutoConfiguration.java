package dev.obs.spring;

import dev.obs.Obs;
import dev.obs.servlet.StatusServlets;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;

/**
 * Serves the status page and the history API ({@code /status}, {@code /status.json}, {@code
 * /obs/api/*}, {@code /obs/admin/incidents}) over a metrics history built from {@code
 * obs.history.*}, exactly as {@link StatusServlets#register(jakarta.servlet.ServletContext, Obs)}
 * does for a plain servlet application; {@code obs.history.enabled=false} turns it off.
 */
@AutoConfiguration(after = ObsWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(StatusServlets.class)
@ConditionalOnBean(Obs.class)
@ConditionalOnBooleanProperty(name = "obs.history.enabled", matchIfMissing = true)
public final class ObsStatusAutoConfiguration {
  /** Creates the configuration; Spring calls this. */
  public ObsStatusAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "obsStatusEndpoints")
  ServletContextInitializer obsStatusEndpoints(Obs obs) {
    // The history is closed by the listener StatusServlets adds to the servlet context.
    return context -> StatusServlets.register(context, obs);
  }
}
