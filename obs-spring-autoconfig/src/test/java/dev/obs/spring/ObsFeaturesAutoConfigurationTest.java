package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.alerts.Alerting;
import dev.obs.backup.Backups;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The alerts and backup auto-configurations and their conditions. */
class ObsFeaturesAutoConfigurationTest {
  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withPropertyValues("obs.metrics.jvm.enabled=false")
          .withConfiguration(
              AutoConfigurations.of(
                  ObsAutoConfiguration.class,
                  ObsWebAutoConfiguration.class,
                  ObsAlertsAutoConfiguration.class,
                  ObsBackupAutoConfiguration.class));

  @Test
  void everyAlertListenerBeanHearsTheRuleEvaluations() {
    runner
        .withUserConfiguration(ListenerConfig.class)
        .withPropertyValues("obs.alerts.rule-files=classpath:test-rules.yml")
        .run(
            context -> {
              Obs obs = context.getBean(Obs.class);
              assertThat(Alerting.of(obs).alerts().groups())
                  .singleElement()
                  .extracting("name")
                  .isEqualTo("test");
              Alerting.of(obs).alerts().evaluateDue();
              RecordingListener listener = context.getBean(RecordingListener.class);
              assertThat(listener.alerts)
                  .extracting(Alert::name)
                  .as("the always-firing rule of test-rules.yml")
                  .contains("AlwaysFiring");
            });
  }

  @Test
  void backupsRunOnlyWhenPlansAreConfigured(@TempDir Path dir) {
    runner.run(context -> assertThat(context).doesNotHaveBean(Backups.class));
    runner
        .withPropertyValues(
            "obs.backup.plans=files",
            "obs.backup.store.path=" + dir.resolve("store"),
            "obs.backup.plan.files.sources=docs",
            "obs.backup.source.docs.kind=directory",
            "obs.backup.source.docs.path=" + dir)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Backups.class).hasBean("obsBackupEndpoints");
              assertThat(context.getBean(Backups.class).plan("files").schedule())
                  .isEqualTo("0 2 * * *");
            });
  }

  @Test
  void backupsNeedObsBackupOnTheClassPath(@TempDir Path dir) {
    runner
        .withClassLoader(new FilteredClassLoader(Backups.class))
        .withPropertyValues(
            "obs.backup.plans=files",
            "obs.backup.store.path=" + dir,
            "obs.backup.plan.files.sources=docs",
            "obs.backup.source.docs.kind=directory",
            "obs.backup.source.docs.path=" + dir)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Backups.class));
  }

  static final class RecordingListener implements AlertListener {
    final List<Alert> alerts = new ArrayList<>();

    @Override
    public synchronized void onAlerts(Instant evaluatedAt, List<Alert> firing) {
      alerts.addAll(firing);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ListenerConfig {
    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }
  }
}
