package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.config.ObsConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminGuardIT {
  private static final String FORBIDDEN =
      "{\"error\":\"forbidden\",\"message\":\"the admin API is off: configure obs.admin.token,"
          + " obs.admin.tokens.*, obs.admin.users.* or obs.admin.jwt.* to use it\"}";
  private static final String UNAUTHORIZED =
      "{\"error\":\"unauthorized\",\"message\":\"a valid credential is required for the admin"
          + " API\"}";

  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Answers "ok" to what the guard admits, and says whether it permits the caller. */
  private static final class Guarded extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AdminGuard guard;

    Guarded(AdminGuard guard) {
      this.guard = guard;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      boolean permitted = guard.permits(req);
      if (guard.admit(req, res)) {
        res.setHeader("X-Permitted", String.valueOf(permitted));
        res.getWriter().write("ok");
      }
    }
  }

  private void start(AdminGuard guard) throws Exception {
    server =
        TestServer.start(
            context -> context.addServlet(new ServletHolder(new Guarded(guard)), "/*"));
  }

  private HttpResponse<String> send(String method, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri("/admin"))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return server.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConfiguredTokenIsAdmittedWhateverTheSchemeCaseAndSurroundingSpaces() throws Exception {
    start(AdminGuard.fromConfig(ObsConfig.of(Map.of("obs.admin.token", "s3cret"))));

    for (String header : new String[] {"Bearer s3cret", "bearer s3cret", "BEARER   s3cret  "}) {
      HttpResponse<String> response = send("GET", "Authorization", header);
      assertThat(response.statusCode()).as(header).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
      assertThat(response.headers().firstValue("X-Permitted")).contains("true");
    }
  }

  @Test
  void anyOtherCallerGetsA401WithAChallenge() throws Exception {
    start(AdminGuard.ofToken("s3cret"));

    for (String header :
        new String[] {
          null, "Bearer wrong", "Bearer s3cre", "Bearer s3crett", "Bearer", "s3cret", "Basic YTpi"
        }) {
      HttpResponse<String> response =
          header == null ? send("GET") : send("GET", "Authorization", header);
      assertThat(response.statusCode()).as(String.valueOf(header)).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"obs\"");
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }
  }

  @Test
  void everyMethodIsGuarded() throws Exception {
    start(AdminGuard.ofToken("s3cret"));

    for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
      assertThat(send(method).statusCode()).as(method).isEqualTo(401);
      assertThat(send(method, "Authorization", "Bearer s3cret").statusCode())
          .as(method)
          .isEqualTo(200);
    }
  }

  @Test
  void withoutAConfiguredTokenEveryCallerIsForbidden() throws Exception {
    AdminGuard guard = AdminGuard.fromConfig(ObsConfig.of(Map.of("obs.admin.token", "")));
    assertThat(guard.isConfigured()).isFalse();
    start(guard);

    HttpResponse<String> response = send("GET", "Authorization", "Bearer ");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).isEqualTo(FORBIDDEN);
  }

  @Test
  void anEndpointOpenUntilATokenIsSetLetsEveryoneInButPermitsNobody() throws Exception {
    start(AdminGuard.ofToken(null).openWhenUnconfigured());

    HttpResponse<String> response = send("GET");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Permitted")).contains("false");
  }

  @Test
  void anEndpointMayWordItsRefusals() throws Exception {
    start(
        AdminGuard.ofToken("s3cret")
            .forbiddenMessage("unused \"here\"")
            .unauthorizedMessage("say \"please\""));

    assertThat(send("GET").body())
        .isEqualTo("{\"error\":\"unauthorized\",\"message\":\"say \\\"please\\\"\"}");
  }
}
