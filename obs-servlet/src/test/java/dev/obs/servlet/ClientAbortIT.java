package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.http.HttpServerMetrics;
import dev.obs.testkit.LogCapture;
import dev.obs.testkit.SentryEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that resets the connection in the middle of a large download, on Jetty: the request is
 * an abort, not a server error, and nobody is told it was one.
 */
class ClientAbortIT {
  private final SentryEndpoint sentry = SentryEndpoint.start();
  private Obs obs;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (obs != null) {
      obs.close();
    }
    sentry.close();
  }

  private void start() throws Exception {
    obs =
        Obs.builder()
            .config(
                ObsConfig.of(
                    Map.of(
                        "obs.sentry.dsn",
                        sentry.dsn(),
                        // The status page and its assets are opt-in.
                        "obs.web.exposure.include",
                        "health,metrics,api,admin,status")))
            .jvmMetrics(false)
            .build()
            .start();
    server =
        TestServer.start(
            context -> {
              TestServer.addObsFilter(context, obs);
              context.addServlet(new ServletHolder(new DownloadServlet()), "/download");
              StatusServlets.register(context.getServletContext(), obs);
            });
  }

  @Test
  void anAbortedDownloadIsCountedAsAnAbortAndNeitherLoggedAsAnErrorNorSentToSentry()
      throws Exception {
    start();
    try (LogCapture logs = LogCapture.root()) {
      abortMidBody("/download");
      server.awaitHandled(1, "the aborted download is finished with");

      assertThat(obs.meterRegistry().find(HttpServerMetrics.ERRORS).counters()).isEmpty();
      Timer timer =
          obs.meterRegistry()
              .get(HttpServerMetrics.REQUESTS)
              .tag("uri", "/download")
              .tag("outcome", "CLIENT_ABORT")
              .timer();
      assertThat(timer.count()).isEqualTo(1);
      assertThat(timer.getId().getTag("status")).isEqualTo("200");
      assertThat(
              obs.meterRegistry()
                  .find(HttpServerMetrics.REQUESTS)
                  .tag("outcome", "SERVER_ERROR")
                  .timers())
          .isEmpty();
      Counter aborts =
          obs.meterRegistry()
              .get(HttpServerMetrics.CLIENT_ABORTS)
              .tag("uri", "/download")
              .tag("method", "GET")
              .counter();
      assertThat(aborts.count()).isEqualTo(1.0);
      assertThat(logs.events()).noneMatch(e -> "ERROR".equals(e.get("level")));
    }
    // A failing request after it proves Sentry was reachable all along.
    assertThat(sentry.events()).isEmpty();
  }

  @Test
  void anAbortedStatusAssetIsNotRecordedAtAll() throws Exception {
    start();
    try (LogCapture logs = LogCapture.root()) {
      abortMidBody("/status/assets/chart.umd.min.js");
      server.awaitHandled(1, "the aborted asset is finished with");

      assertThat(obs.meterRegistry().find(HttpServerMetrics.REQUESTS).timers()).isEmpty();
      assertThat(obs.meterRegistry().find(HttpServerMetrics.ERRORS).counters()).isEmpty();
      assertThat(logs.events()).noneMatch(e -> "ERROR".equals(e.get("level")));
    }
    assertThat(sentry.events()).isEmpty();
  }

  /** Sends a GET, reads a little of the body, then resets the connection (SO_LINGER 0). */
  private void abortMidBody(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setReceiveBufferSize(4096);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[1024];
      int read = 0;
      while (read < 2048) {
        int n = in.read(buffer);
        assertThat(n).as("bytes of the response before the abort").isPositive();
        read += n;
      }
      socket.setSoLinger(true, 0);
    }
  }

  /**
   * Writes 64 MB, far more than the socket buffers hold, so the server is mid-body at the reset.
   */
  private static final class DownloadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("application/octet-stream");
      resp.setContentLengthLong(64L * 1024 * 1024);
      byte[] chunk = new byte[64 * 1024];
      OutputStream out = resp.getOutputStream();
      for (int i = 0; i < 1024; i++) {
        out.write(chunk);
      }
    }
  }
}
