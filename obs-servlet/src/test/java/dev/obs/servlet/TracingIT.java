package dev.obs.servlet;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.testkit.LogCapture;
import dev.obs.testkit.SpanCapture;
import dev.obs.tracing.ServerSpan;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Server spans and trace ids in logs for real requests through Jetty. */
class TracingIT {
  private static final Logger handlerLog = LoggerFactory.getLogger("test.tracing.handler");
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  private final SpanCapture spans = SpanCapture.create();
  private Obs obs;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    obs = Obs.builder().openTelemetry(spans.openTelemetry()).jvmMetrics(false).build().start();
    server =
        TestServer.start(
            context -> {
              TestServer.addObsFilter(context, obs);
              context.addServlet(new ServletHolder(new OrdersServlet()), "/orders/*");
              context.addServlet(new ServletHolder(new OrdersServlet()), "/metrics");
            });
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    obs.close();
    spans.close();
  }

  /** Logs twice, echoes the outgoing traceparent it would send downstream, or fails on /boom. */
  static final class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if ("/boom".equals(req.getPathInfo())) {
        ObsFilter.setRoute(req, "/orders/boom");
        handlerLog.error("about to fail");
        throw new IllegalStateException("order store unavailable");
      }
      ObsFilter.setRoute(req, "/orders/{id}");
      handlerLog.info("loading order {}", req.getPathInfo());
      handlerLog.info("loaded order");
      ServerSpan span = (ServerSpan) req.getAttribute(ObsFilter.SPAN_ATTRIBUTE);
      span.inject((name, value) -> resp.setHeader("X-Outgoing-" + name, value));
      resp.setContentType("text/plain");
      resp.getWriter().write("ok");
    }
  }

  @Test
  void incomingTraceparentIsContinued() throws Exception {
    HttpResponse<String> response = server.get("/orders/1", "traceparent", TRACEPARENT);
    server.awaitHandled(1, "the server span ends");
    assertThat(spans.spans()).hasSize(1);

    assertThat(response.statusCode()).isEqualTo(200);
    SpanData span =
        assertThat(spans)
            .hasServerSpan("GET /orders/{id}")
            .withTraceId(TRACE_ID)
            .withParentSpanId(PARENT_ID)
            .withStatus(StatusCode.UNSET)
            .withAttribute("http.request.method", "GET")
            .withAttribute("http.route", "/orders/{id}")
            .withAttribute("http.response.status_code", 200)
            .withAttribute("url.path", "/orders/1")
            .withAttribute("url.scheme", "http")
            .withAttribute("server.address", "127.0.0.1")
            .withAttribute("server.port", server.port())
            .withAttribute("client.address", "127.0.0.1")
            .span();
    assertThat(response.headers().firstValue("X-Outgoing-traceparent"))
        .hasValue("00-" + TRACE_ID + "-" + span.getSpanId() + "-01");
  }

  @Test
  void everyLogLineOfARequestCarriesItsTraceAndSpanIds() throws Exception {
    try (LogCapture logs = LogCapture.logger("test.tracing.handler")) {
      server.get("/orders/1", "traceparent", TRACEPARENT);
      server.get("/orders/2");
      server.awaitHandled(2, "both server spans end");
      assertThat(spans.spans()).hasSize(2);

      SpanData continued =
          assertThat(spans).hasServerSpan("GET /orders/{id}").withTraceId(TRACE_ID).span();
      SpanData fresh =
          assertThat(spans)
              .hasServerSpan("GET /orders/{id}")
              .withAttribute("url.path", "/orders/2")
              .withoutParent()
              .span();
      assertThat(fresh.getTraceId()).isNotEqualTo(TRACE_ID);
      assertThat(logs).hasEventCount(4);
      assertThat(logs)
          .hasEventWith("trace_id", TRACE_ID)
          .with("span_id", continued.getSpanId())
          .hasCount(2);
      assertThat(logs)
          .hasEventWith("trace_id", fresh.getTraceId())
          .with("span_id", fresh.getSpanId())
          .withMessage("loading order /2");
      assertThat(logs).hasEventWith("trace_id", fresh.getTraceId()).hasCount(2);
    }
  }

  @Test
  void handlerExceptionEndsSpanAsError() throws Exception {
    try (LogCapture logs = LogCapture.logger("test.tracing.handler")) {
      HttpResponse<String> response = server.get("/orders/boom");
      server.awaitHandled(1, "the server span ends");
      assertThat(spans.spans()).hasSize(1);

      assertThat(response.statusCode()).isEqualTo(500);
      SpanData span =
          assertThat(spans)
              .hasServerSpan("GET /orders/boom")
              .withStatus(StatusCode.ERROR)
              .withAttribute("http.response.status_code", 500)
              .withAttribute("error.type", "java.lang.IllegalStateException")
              .span();
      assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
      assertThat(logs).hasEventWith("trace_id", span.getTraceId()).withMessage("about to fail");
    }
  }

  @Test
  void scrapesGetNoSpan() throws Exception {
    server.get("/metrics");
    server.get("/orders/3");
    server.awaitHandled(2, "both requests are handled");
    assertThat(spans.spans()).hasSize(1);

    assertThat(spans).hasSpanCount(1).hasServerSpan("GET /orders/{id}");
  }
}
