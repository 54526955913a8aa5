package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

class DropInIT {
  private final AtomicReference<Object> obsSeenByApp = new AtomicReference<>();

  private HttpResponse<String> get(TestServer server, String path) throws Exception {
    return server.get(path);
  }

  private final class HelloServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      obsSeenByApp.set(req.getServletContext().getAttribute(ObsServlets.OBS_ATTRIBUTE));
      res.getWriter().write("hello");
    }
  }

  @Test
  void theInitializerInstallsTheFilterAndMetricsAndClosesObsWithTheContext() throws Exception {
    Obs obs;
    try (TestServer server =
        TestServer.start(
            context -> {
              context.addServletContainerInitializer(new ObsServletContainerInitializer());
              context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
            })) {
      HttpResponse<String> hello = get(server, "/hello");
      HttpResponse<String> metrics = get(server, "/metrics");

      assertThat(hello.headers().firstValue("X-Request-ID")).isPresent();
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains(
              "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                  + "outcome=\"SUCCESS\",status=\"200\",uri=\"/hello\"} 1")
          .contains("jvm_memory_used_bytes{");
      obs = (Obs) obsSeenByApp.get();
      assertThat(obs.isRunning()).isTrue();
    }
    assertThat(obs.isRunning()).isFalse();
    assertThat(obs.meterRegistry().isClosed()).isTrue();
  }

  @Test
  void theInitializerCanBeSwitchedOffByAContextParameter() throws Exception {
    try (TestServer server =
        TestServer.start(
            context -> {
              context.setInitParameter("obs.servlet.enabled", "false");
              context.addServletContainerInitializer(new ObsServletContainerInitializer());
              context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
            })) {
      HttpResponse<String> hello = get(server, "/hello");

      assertThat(hello.headers().firstValue("X-Request-ID")).isEmpty();
      assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
      assertThat(obsSeenByApp.get()).isNull();
    }
  }

  @Test
  void systemPropertiesWinOverContextInitParametersForEveryKey() throws Exception {
    System.setProperty("obs.metrics.token", "from-system");
    try (TestServer server =
        TestServer.start(
            context -> {
              context.setInitParameter("obs.metrics.token", "from-param");
              context.setInitParameter("obs.health.show-details", "always");
              context.addServletContainerInitializer(new ObsServletContainerInitializer());
            })) {
      assertThat(server.get("/metrics", "Authorization", "Bearer from-param").statusCode())
          .isEqualTo(401);
      assertThat(server.get("/metrics", "Authorization", "Bearer from-system").statusCode())
          .isEqualTo(200);
    } finally {
      System.clearProperty("obs.metrics.token");
    }
  }

  @Test
  void aFilterDeclaredWithoutObsFailsToStartWithAClearMessage() {
    assertThatThrownBy(
            () ->
                TestServer.start(
                        context -> {
                          context.addFilter(
                              new FilterHolder(new ObsFilter()),
                              "/*",
                              EnumSet.of(DispatcherType.REQUEST));
                        })
                    .close())
        .isInstanceOf(jakarta.servlet.ServletException.class)
        .hasMessage(
            "ObsFilter needs an Obs in the servlet context attribute 'dev.obs.Obs'; register it"
                + " with ObsServlets.register(context, obs) or construct new ObsFilter(obs)");
  }
}
