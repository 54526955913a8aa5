package dev.obs.servlet;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.logging.LogContext;
import dev.obs.testkit.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON log lines of real requests through Jetty and {@link ObsFilter}. */
class LoggingIT {
  private static final Logger handlerLog = LoggerFactory.getLogger("test.handler");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Obs obs;
  private TestServer server;

  private void start(Map<String, String> config) throws Exception {
    obs =
        Obs.builder()
            .meterRegistry(registry)
            .config(ObsConfig.of(config))
            .jvmMetrics(false)
            .build()
            .start();
    server =
        TestServer.start(
            context -> {
              TestServer.addObsFilter(context, obs);
              context.addServlet(new ServletHolder(new OrdersServlet()), "/orders/*");
            });
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (obs != null) {
      obs.close();
    }
  }

  /** Logs twice per request, before writing the response, as application code does. */
  static final class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ObsFilter.setRoute(req, "/orders/{id}");
      String user = req.getParameter("user");
      LogContext.Scope scope = user == null ? null : LogContext.user(user);
      handlerLog.info("loading order {}", req.getPathInfo());
      handlerLog.info("loaded order for {}", req.getParameter("q"));
      if (scope != null) {
        scope.close();
      }
      resp.setContentType("text/plain");
      resp.setContentLength(2);
      resp.getWriter().write("ok");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ObsFilter.setRoute(req, "/orders");
      handlerLog.warn(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      resp.setStatus(201);
    }
  }

  @Test
  void userAndOrgComeFromConfiguredHeadersWhenTheyAreSafeIds() throws Exception {
    start(Map.of("obs.logging.user-header", "X-User-ID", "obs.logging.org-header", "X-Org-ID"));
    try (LogCapture logs = LogCapture.logger("test.handler")) {
      server.get("/orders/1", "X-Request-ID", "hdr-1", "X-Org-ID", "acme", "X-User-ID", "u-9");
      server.get("/orders/2", "X-Request-ID", "hdr-2", "X-Org-ID", "acme\" inc");
      server.get("/orders/3", "X-Request-ID", "hdr-3");

      assertThat(logs)
          .hasEventWith("request_id", "hdr-1")
          .with("org_id", "acme")
          .with("user_id", "u-9")
          .hasCount(2);
      assertThat(logs).hasEventWith("request_id", "hdr-2").withoutField("org_id").hasCount(2);
      assertThat(logs).hasEventWith("request_id", "hdr-3").withoutField("org_id").hasCount(2);
    }
  }

  @Test
  void theContainersPrincipalBecomesTheUserWhenAskedFor() throws Exception {
    obs =
        Obs.builder()
            .meterRegistry(registry)
            .config(ObsConfig.of(Map.of("obs.logging.user-from-principal", "true")))
            .jvmMetrics(false)
            .build()
            .start();
    // Stands in for container-managed authentication, which runs before any filter.
    jakarta.servlet.Filter authenticated =
        (req, res, chain) ->
            chain.doFilter(
                new jakarta.servlet.http.HttpServletRequestWrapper((HttpServletRequest) req) {
                  @Override
                  public java.security.Principal getUserPrincipal() {
                    return () -> "alice";
                  }
                },
                res);
    server =
        TestServer.start(
            context -> {
              context.addFilter(
                  new FilterHolder(authenticated), "/*", EnumSet.of(DispatcherType.REQUEST));
              TestServer.addObsFilter(context, obs);
              context.addServlet(new ServletHolder(new OrdersServlet()), "/orders/*");
            });
    try (LogCapture logs = LogCapture.logger("test.handler")) {
      server.get("/orders/1", "X-Request-ID", "p-1");

      assertThat(logs).hasEventWith("request_id", "p-1").with("user_id", "alice").hasCount(2);
    }
  }

  @Test
  void everyLineOfARequestCarriesThatRequestsId() throws Exception {
    start(Map.of());
    try (LogCapture logs = LogCapture.logger("test.handler")) {
      HttpResponse<String> given = server.get("/orders/1", "X-Request-ID", "req-a");
      HttpResponse<String> generated = server.get("/orders/2");

      String generatedId = generated.headers().firstValue("X-Request-ID").orElseThrow();
      assertThat(given.statusCode()).isEqualTo(200);
      assertThat(logs).hasEventCount(4);
      assertThat(logs).hasEventWith("request_id", "req-a").hasCount(2);
      assertThat(logs)
          .hasEventWith("request_id", generatedId)
          .hasCount(2)
          .withMessage("loading order /2");
    }
  }

  @Test
  void userContextDoesNotLeakIntoTheNextRequest() throws Exception {
    start(Map.of());
    try (LogCapture logs = LogCapture.logger("test.handler")) {
      server.get("/orders/1?user=u-1", "X-Request-ID", "with-user");
      server.get("/orders/2", "X-Request-ID", "without-user");

      assertThat(logs).hasEventWith("request_id", "with-user").with("user_id", "u-1").hasCount(2);
      assertThat(logs)
          .hasEventWith("request_id", "without-user")
          .withoutField("user_id")
          .hasCount(2);
    }
  }

  @Test
  void accessLogWritesOneLinePerRequestWhenEnabled() throws Exception {
    start(Map.of("obs.logging.access-log", "true"));
    try (LogCapture logs = LogCapture.logger("obs.access")) {
      server.get("/orders/42", "X-Request-ID", "req-b");
      server.awaitHandled(1, "the access-log line is written");
      assertThat(logs.lines()).hasSize(1);

      assertThat(logs)
          .hasEventWith("request_id", "req-b")
          .withLevel("INFO")
          .withLogger("obs.access")
          .withMessageContaining("GET /orders/{id} 200")
          .with("method", "GET")
          .with("route", "/orders/{id}")
          .with("status", 200)
          .with("bytes", 2)
          .withField("duration_ms");
    }
  }

  @Test
  void accessLogIsOffByDefault() throws Exception {
    start(Map.of());
    try (LogCapture logs = LogCapture.logger("obs.access")) {
      server.get("/orders/42");
      server.awaitHandled(1, "the request is recorded");
      assertThat(registry.find("http.server.requests").timer()).isNotNull();

      assertThat(logs).hasEventCount(0);
    }
  }

  @Test
  void injectionAttemptsStayOneJsonLineEach() throws Exception {
    start(Map.of());
    String forged = "\r\n{\"level\":\"ERROR\",\"message\":\"forged\"}\n";
    String ansi = "\u001b[31mred\u001b[0m\u0007";
    String big = "y".repeat(1 << 20) + forged;
    // Keeps the 1 MB line out of the console log of the build.
    ((ch.qos.logback.classic.Logger) handlerLog).setAdditive(false);
    try (LogCapture logs = LogCapture.logger("test.handler")) {
      server.get("/orders/1?q=%0D%0A%7B%22level%22%3A%22ERROR%22%7D%1B%5B31m", "X-Request-ID", "q");
      for (String body : List.of(forged, ansi, big)) {
        HttpResponse<String> response =
            server
                .client()
                .send(
                    HttpRequest.newBuilder(server.uri("/orders"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
      }

      assertThat(logs.lines())
          .hasSize(5)
          .allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r", "\u001b", "\u0007"));
      assertThat(logs)
          .hasEventWith("message", "loaded order for \r\n{\"level\":\"ERROR\"}\u001b[31m")
          .with("request_id", "q");
      assertThat(logs).hasEventWith("message", forged).withLevel("WARN");
      assertThat(logs).hasEventWith("message", ansi).withLevel("WARN");
      assertThat(logs).hasEventWith("message", big).withLevel("WARN");
      assertThat(logs).hasNoEventWith("message", "forged");
    } finally {
      ((ch.qos.logback.classic.Logger) handlerLog).setAdditive(true);
    }
  }
}
