package dev.obs.spring;

import dev.obs.Obs;
import dev.obs.backup.Backups;
import dev.obs.backup.servlet.BackupServlets;
import dev.obs.servlet.AdminGuard;
import dev.obs.servlet.ObsServlets;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the backup plans of {@code obs.backup.*} when obs-backup is on the class path and {@code
 * obs.backup.plans} names at least one: scheduled, reported through obs's meters and health, with
 * failures sent to the notifications, and the backup admin endpoints. Stopped with the context.
 */
@AutoConfiguration(after = ObsAutoConfiguration.class)
@ConditionalOnClass(Backups.class)
@ConditionalOnBean(Obs.class)
@ConditionalOnProperty(name = "obs.backup.plans")
@ConditionalOnBooleanProperty(name = "obs.backup.enabled", matchIfMissing = true)
public final class ObsBackupAutoConfiguration {
  /** Creates the configuration; Spring calls this. */
  public ObsBackupAutoConfiguration() {}

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Backups obsBackups(Obs obs) {
    // Failure alerts go to obs.alertSink(), like every other alert.
    return Backups.fromConfig(obs).start();
  }

  /** The backup admin endpoints under {@code /obs/admin}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  // The endpoints live in obs-backup but are guarded by obs-servlet's AdminGuard.
  @ConditionalOnClass(AdminGuard.class)
  static final class BackupEndpoints {
    @Bean
    @ConditionalOnMissingBean(name = "obsBackupEndpoints")
    ServletContextInitializer obsBackupEndpoints(Backups backups, Obs obs) {
      // The guard of the other obs endpoints, whichever initializer runs first.
      return context ->
          BackupServlets.register(context, backups, obs.config(), ObsServlets.guard(context, obs));
    }
  }
}
