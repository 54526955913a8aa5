package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ObsFilterIT {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<String> mdcSeenByOuterFilter = new CopyOnWriteArrayList<>();
  private final List<String> mdcSeenByHandler = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> thrownThroughFilter = new AtomicReference<>();
  private final AtomicReference<Throwable> thrownByHandler = new AtomicReference<>();
  private Obs obs;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    obs = Obs.builder().meterRegistry(registry).jvmMetrics(false).build().start();
    server = TestServer.start(this::configure);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    obs.close();
  }

  private void configure(ServletContextHandler context) {
    Filter outer =
        (req, res, chain) -> {
          mdcSeenByOuterFilter.add(String.valueOf(MDC.get("request_id")));
          try {
            chain.doFilter(req, res);
          } catch (IOException | ServletException | RuntimeException | Error e) {
            thrownThroughFilter.set(e);
            throw e;
          } finally {
            mdcSeenByOuterFilter.add(String.valueOf(MDC.get("request_id")));
          }
        };
    context.addFilter(new FilterHolder(outer), "/*", EnumSet.of(DispatcherType.REQUEST));
    TestServer.addObsFilter(context, obs);
    context.addServlet(new ServletHolder(new UsersServlet()), "/users/*");
    context.addServlet(new ServletHolder(new FailServlet()), "/fail/*");
    ServletHolder async = new ServletHolder(new AsyncServlet());
    async.setAsyncSupported(true);
    context.addServlet(async, "/async/*");
    context.addServlet(new ServletHolder(new MetricsServlet(registry, null)), "/metrics");
    context.addServlet(new ServletHolder(new OkServlet()), "/r/*");
  }

  private final class UsersServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      mdcSeenByHandler.add(String.valueOf(MDC.get("request_id")));
      ObsFilter.setRoute(req, "/users/{id}");
      res.setContentType("text/plain");
      res.getWriter().write("user " + req.getPathInfo());
    }
  }

  private static final class OkServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
      res.setStatus(200);
    }
  }

  private final class FailServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws ServletException {
      Throwable t =
          switch (req.getPathInfo()) {
            case "/runtime" -> new IllegalStateException("handler failed");
            case "/error" -> new BoomError();
            default -> new ServletException("wrapped", new IOException("disk on fire"));
          };
      thrownByHandler.set(t);
      if (t instanceof ServletException se) {
        throw se;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw (RuntimeException) t;
    }
  }

  static final class BoomError extends Error {
    private static final long serialVersionUID = 1L;

    BoomError() {
      super("boom");
    }
  }

  private static final class AsyncServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
      AsyncContext async = req.startAsync();
      ObsFilter.setRoute(req, "/async/" + "{mode}");
      if (req.getPathInfo().equals("/timeout")) {
        async.setTimeout(50);
        return;
      }
      async.setTimeout(10_000);
      async.start(
          () -> {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setStatus(201);
            async.complete();
          });
    }
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return server.get(path, headers);
  }

  private Search requests() {
    return registry.find("http.server.requests");
  }

  @Test
  void recordsTheRouteTemplateAndGeneratesARequestId() throws Exception {
    HttpResponse<String> first = get("/users/7");
    get("/users/8");

    assertThat(first.statusCode()).isEqualTo(200);
    String id = first.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(mdcSeenByHandler).first().isEqualTo(id);
    Timer timer =
        requests()
            .tags("method", "GET", "uri", "/users/{id}", "status", "200", "outcome", "SUCCESS")
            .tag("exception", "none")
            .timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(2);
  }

  @Test
  void aValidIncomingRequestIdIsKeptAndTheMdcIsClearedAfterTheRequest() throws Exception {
    HttpResponse<String> response = get("/users/1", "X-Request-ID", "req-42.a:b_c");

    assertThat(response.headers().firstValue("X-Request-ID")).contains("req-42.a:b_c");
    assertThat(mdcSeenByHandler).containsExactly("req-42.a:b_c");
    // The filter outside ObsFilter sees no request id before or after: nothing leaks to the
    // pooled thread.
    assertThat(mdcSeenByOuterFilter).containsExactly("null", "null");
  }

  @Test
  void anOversizedRequestIdIsReplacedNotEchoed() throws Exception {
    String huge = "a".repeat(10 * 1024);
    HttpResponse<String> response = get("/users/1", "X-Request-ID", huge);

    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(mdcSeenByHandler).containsExactly(id);
  }

  @Test
  void requestIdsWithControlCharactersAreReplacedNotEchoed() throws Exception {
    // java.net.http refuses such headers, so this request is written by hand.
    String raw =
        "GET /users/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: abc\tdef \"}\u00e9<script>"
            + "\r\nConnection: close\r\n\r\n";
    String head;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    assertThat(head).startsWith("HTTP/1.1 200");
    assertThat(head).doesNotContain("abc").doesNotContain("<script>");
    assertThat(head).containsPattern("(?i)X-Request-ID: [0-9a-f]{32}\r\n");
    assertThat(mdcSeenByHandler).singleElement().asString().matches("[0-9a-f]{32}");
  }

  @Test
  void aThrowingHandlerIsRecordedAs500AndTheExceptionPropagatesUnchanged() throws Exception {
    HttpResponse<String> response = get("/fail/runtime");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(thrownThroughFilter.get()).isSameAs(thrownByHandler.get());
    Timer timer =
        requests()
            .tags("uri", "/fail/runtime", "status", "500", "outcome", "SERVER_ERROR")
            .tag("exception", "IllegalStateException")
            .timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(
            registry
                .get("obs.http.server.errors")
                .tag("exception", "IllegalStateException")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aHandlerThrowingAnErrorIsStillRecorded() throws Exception {
    HttpResponse<String> response = get("/fail/error");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(thrownThroughFilter.get()).isSameAs(thrownByHandler.get());
    assertThat(requests().tags("status", "500", "exception", "BoomError").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aServletExceptionIsTaggedWithItsRootCause() throws Exception {
    get("/fail/wrapped");

    assertThat(thrownThroughFilter.get()).isSameAs(thrownByHandler.get());
    assertThat(requests().tags("status", "500", "exception", "IOException").timer().count())
        .isEqualTo(1);
  }

  @Test
  void asyncRequestsAreRecordedWhenTheyComplete() throws Exception {
    HttpResponse<String> response = get("/async/ok");

    assertThat(response.statusCode()).isEqualTo(201);
    server.awaitHandled(1, "the async request completes");
    assertThat(requests().tags("uri", "/async/{mode}", "status", "201").timer().count())
        .isEqualTo(1);
  }

  @Test
  void asyncRequestsThatTimeOutAreRecordedAsServerErrors() throws Exception {
    HttpResponse<String> response = get("/async/timeout");

    assertThat(response.statusCode()).isEqualTo(500);
    server.awaitHandled(1, "the timed-out async request completes");
    assertThat(requests().tags("uri", "/async/{mode}", "status", "500").timer()).isNotNull();
  }

  @Test
  void unmatchedRequestsAreTaggedNotFound() throws Exception {
    HttpResponse<String> response = get("/no/such/thing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(requests().tags("uri", "NOT_FOUND", "status", "404").timer().count()).isEqualTo(1);
  }

  @Test
  void scrapesAreNotRecordedAndServeThePrometheusFormat() throws Exception {
    get("/users/3");
    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body())
        .contains(
            "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/users/{id}\"} 1")
        .contains(
            "http_server_requests_seconds_bucket{exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/users/{id}\",le=\"0.005\"}")
        .doesNotContain("uri=\"/metrics\"");
    assertThat(requests().tag("uri", "/metrics").timers()).isEmpty();
  }

  @Test
  void aHundredThousandRandomPathsKeepTheUriValuesAtTheCap() throws Exception {
    java.util.Random random = new java.util.Random(7);
    int total = 100_000;
    int inFlight = 16;
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(inFlight);
    java.util.concurrent.atomic.AtomicInteger failures =
        new java.util.concurrent.atomic.AtomicInteger();
    int metersAtTwentyThousand = -1;
    for (int i = 0; i < total; i++) {
      if (i == 20_000) {
        permits.acquire(inFlight);
        permits.release(inFlight);
        metersAtTwentyThousand = registry.getMeters().size();
      }
      StringBuilder path = new StringBuilder("/r/");
      for (int j = 0; j < 10; j++) {
        path.append((char) ('a' + random.nextInt(26)));
      }
      permits.acquire();
      client
          .sendAsync(
              HttpRequest.newBuilder(server.uri(path.toString())).build(),
              HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  failures.incrementAndGet();
                }
                permits.release();
              });
    }
    permits.acquire(inFlight);

    assertThat(failures.get()).isZero();
    long recorded = requests().timers().stream().mapToLong(Timer::count).sum();
    assertThat(recorded).isEqualTo(total);
    assertThat(requests().timers().stream().map(t -> t.getId().getTag("uri")).distinct())
        .hasSize(501)
        .contains("OTHER");
    // Memory stays flat: no meter is added after the cap is reached.
    assertThat(registry.getMeters()).hasSize(metersAtTwentyThousand);
  }
}
