package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class EnvironmentConfigTest {
  private final StandardEnvironment environment = new StandardEnvironment();

  private void add(String name, Map<String, Object> values) {
    environment.getPropertySources().addLast(new MapPropertySource(name, values));
  }

  @Test
  void theSourceWithTheHighestPrecedenceWinsPerKey() {
    add("application", Map.of("obs.http.uri-cap", "100", "obs.logging.service", "shop"));
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "env", Map.of("OBS_HTTP_URI_CAP", "200", "PATH", "/bin")));

    ObsConfig config = EnvironmentConfig.from(environment);

    assertThat(config.positiveInt("obs.http.uri-cap", 500)).isEqualTo(200);
    assertThat(config.string("obs.logging.service", "")).isEqualTo("shop");
    assertThat(config.get("path")).isEmpty();
  }

  @Test
  void yamlListsBecomeCommaSeparatedListsInIndexOrder() {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("obs.http.exclude[1]", "/ping");
    yaml.put("obs.http.exclude[0]", "/internal/**");
    yaml.put("obs.http.percentiles[0]", 0.5);
    add("yaml", yaml);

    ObsConfig config = EnvironmentConfig.from(environment);

    assertThat(config.list("obs.http.exclude")).containsExactly("/internal/**", "/ping");
    assertThat(config.list("obs.http.percentiles")).containsExactly("0.5");
  }

  @Test
  void placeholdersAreResolved() {
    add("application", Map.of("obs.logging.service", "${app.name}", "app.name", "billing"));

    assertThat(EnvironmentConfig.from(environment).string("obs.logging.service", ""))
        .isEqualTo("billing");
  }

  @Test
  void springOwningTheRequestMetricsTurnsObsRecordingOff() {
    add("application", Map.of("obs.spring.request-metrics", "spring"));

    assertThat(EnvironmentConfig.from(environment).bool("obs.http.enabled", true)).isFalse();
  }

  @Test
  void anUnknownRequestMetricsOwnerIsRejected() {
    add("application", Map.of("obs.spring.request-metrics", "both"));

    assertThatThrownBy(() -> EnvironmentConfig.from(environment))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.spring.request-metrics must be obs or spring, got 'both'");
  }

  @Test
  void ruleFilesAcceptSpringsFileAndClasspathLocations() {
    add(
        "application",
        Map.of(
            "obs.alerts.rule-files",
            "classpath:alerts/app.yml, file:rules/extra.yml,file:///etc/app/rules.yml,local.yml"));

    assertThat(EnvironmentConfig.from(environment).list("obs.alerts.rule-files"))
        .containsExactly(
            "classpath:alerts/app.yml", "rules/extra.yml", "/etc/app/rules.yml", "local.yml");
  }

  @Test
  void aRuleFileUrlWithAHostIsRejected() {
    add("application", Map.of("obs.alerts.rule-files", "file://server/rules.yml"));

    assertThatThrownBy(() -> EnvironmentConfig.from(environment))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.alerts.rule-files must list paths, file: URLs or classpath: resources, got"
                + " 'file://server/rules.yml'");
  }
}
