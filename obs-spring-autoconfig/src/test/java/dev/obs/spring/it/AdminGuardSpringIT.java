package dev.obs.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.obs.config.ObsConfigException;
import dev.obs.spring.it.conflict.StatusApp;
import dev.obs.testkit.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one admin guard behind the starter's endpoints on Tomcat: a named bearer token, a Basic user
 * with a bcrypt hash (the Prometheus scrape case), the audit line of a write, and the refusal to
 * start when an obs path would shadow a Spring MVC mapping.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "obs.admin.tokens.deploy.token=deploy-token-0123456789",
      "obs.admin.users.prometheus.access=read",
      "obs.metrics.public=false"
    })
class AdminGuardSpringIT {
  @DynamicPropertySource
  static void users(DynamicPropertyRegistry registry) {
    registry.add(
        "obs.admin.users.prometheus.password-hash",
        () -> BCrypt.withDefaults().hashToString(6, "scrape-pw".toCharArray()));
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry registry;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void prometheusScrapesWithBasicAuthAndAWrongPasswordIsRefused() throws Exception {
    assertThat(
            send("GET", "/metrics", null, "Authorization", basic("prometheus", "scrape-pw"))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> wrong =
        send("GET", "/metrics", null, "Authorization", basic("prometheus", "guess"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .contains("Basic realm=\"obs\", charset=\"UTF-8\", Bearer realm=\"obs\"");
    assertThat(send("GET", "/metrics", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theApiAnswersABearerTokenAndABasicUser() throws Exception {
    assertThat(send("GET", "/obs/api/summary", null).statusCode()).isEqualTo(401);
    assertThat(
            send("GET", "/obs/api/summary", null, "Authorization", "Bearer deploy-token-0123456789")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send("GET", "/obs/api/summary", null, "Authorization", basic("prometheus", "scrape-pw"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void writesNeedWriteAccessAndAreAudited() throws Exception {
    String incident =
        "{\"title\":\"Checkout slow\",\"state\":\"investigating\",\"message\":\"Looking into it\"}";
    try (LogCapture audit = LogCapture.logger("obs.audit")) {
      HttpResponse<String> readOnly =
          send(
              "POST",
              "/obs/admin/incidents",
              incident,
              "Authorization",
              basic("prometheus", "scrape-pw"));
      HttpResponse<String> created =
          send(
              "POST",
              "/obs/admin/incidents",
              incident,
              "Authorization",
              "Bearer deploy-token-0123456789",
              "Content-Type",
              "application/json");

      assertThat(readOnly.statusCode()).isEqualTo(403);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      // The line is written once the handler returns, which may be after the client has read
      // the response.
      await("the audit lines of both writes")
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(audit.events())
                      .extracting(e -> String.valueOf(e.get("message")))
                      .anySatisfy(
                          m ->
                              assertThat(m)
                                  .startsWith(
                                      "obs audit: action=incidents.post target=-"
                                          + " principal=basic:prometheus")
                                  .endsWith("result=forbidden"))
                      .anySatisfy(
                          m ->
                              assertThat(m)
                                  .startsWith("obs audit: action=incident.create target=")
                                  .endsWith("principal=bearer:deploy client=127.0.0.1 result=ok")));
    }
    await("the count of the write")
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        registry
                            .get("obs.admin.requests")
                            .tag("action", "incident.create")
                            .tag("result", "ok")
                            .counter()
                            .count())
                    .isEqualTo(1));
  }

  @Test
  void anObsPathShadowingAnMvcMappingRefusesToStart() {
    assertThatThrownBy(
            () -> {
              try (ConfigurableApplicationContext ignored =
                  new SpringApplicationBuilder(StatusApp.class)
                      .properties(
                          "server.port=0",
                          "server.address=127.0.0.1",
                          "obs.web.exposure.include=*",
                          "spring.main.banner-mode=off")
                      .run()) {
                // started: the assertion below fails
              }
            })
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs path /status would shadow the Spring MVC mapping /status of Status.status; set"
                + " obs.web.path-conflict=obs to let obs answer it, obs.web.base-path to move obs's"
                + " endpoints, or obs.web.exposure.exclude to turn the obs endpoint off");
  }
}
