package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class ObsConfigFailureAnalyzerTest {

  @Test
  void namesThePropertyTheValueItsOriginAndWhatIsAccepted() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("application", Map.of("obs.http.uri-cap", "lots")));
    ObsConfigException failure =
        ObsConfig.invalid("obs.http.uri-cap", "lots", "must be a positive integer like 500");

    FailureAnalysis analysis =
        new ObsConfigFailureAnalyzer(environment).analyze(new IllegalStateException(failure));

    assertThat(analysis.getDescription())
        .isEqualTo(
            """
            Invalid value for the obs property 'obs.http.uri-cap':

                Property: obs.http.uri-cap
                Value: "lots"
                Origin: "obs.http.uri-cap" from property source "application"
                Reason: obs.http.uri-cap must be a positive integer like 500, got 'lots'""");
    assertThat(analysis.getAction())
        .isEqualTo("Change obs.http.uri-cap: it must be a positive integer like 500.");
    assertThat(analysis.getCause()).isSameAs(failure);
  }

  @Test
  void aMessageInAnotherShapeIsShownWhole() {
    ObsConfigException failure =
        new ObsConfigException("obs.config.file", "obs.config.file must name a readable file");

    FailureAnalysis analysis = new ObsConfigFailureAnalyzer(null).analyze(failure);

    assertThat(analysis.getDescription())
        .isEqualTo(
            """
            Invalid value for the obs property 'obs.config.file':

                Property: obs.config.file
                Reason: obs.config.file must name a readable file""");
    assertThat(analysis.getAction())
        .isEqualTo(
            "Change obs.config.file in the application's configuration (see docs/spring-boot.md).");
  }

  @Test
  void springBootReportsABadValueAtStartWithTheAnalysis(CapturedOutput output) {
    SpringApplication application = new SpringApplication(Empty.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    assertThatThrownBy(
            () ->
                application.run(
                    "--obs.health.timeout=-1s",
                    "--obs.logging.json.enabled=false",
                    "--spring.main.banner-mode=off"))
        .hasRootCauseInstanceOf(ObsConfigException.class);

    assertThat(output)
        .contains(
            """
            Invalid value for the obs property 'obs.health.timeout':

                Property: obs.health.timeout
                Value: "-1s"
                Origin: "obs.health.timeout" from property source "commandLineArgs"
                Reason: obs.health.timeout must be a positive duration like 250ms, 2s or 5m, got '-1s'

            Action:

            Change obs.health.timeout: it must be a positive duration like 250ms, 2s or 5m.""");
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(ObsAutoConfiguration.class)
  static class Empty {}
}
