package dev.obs.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obs.http.HttpServerMetrics;
import dev.obs.testkit.LogCapture;
import dev.obs.testkit.SentryEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that resets the connection in the middle of a large download, on Spring Boot's Tomcat:
 * the request is counted as a client abort, not as a server error, with no ERROR line and no Sentry
 * event.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TomcatClientAbortIT {
  private static final SentryEndpoint SENTRY = SentryEndpoint.start();

  @LocalServerPort int port;
  @Autowired MeterRegistry registry;

  @DynamicPropertySource
  static void sentry(DynamicPropertyRegistry properties) {
    properties.add("obs.sentry.dsn", SENTRY::dsn);
  }

  @AfterAll
  static void closeSentry() {
    SENTRY.close();
  }

  @Test
  void anAbortedDownloadIsAClientAbortNotAServerError() throws Exception {
    try (LogCapture logs = LogCapture.root()) {
      abortMidBody("/download");

      await("obs.http.client.aborts for /download")
          .atMost(Duration.ofSeconds(10))
          .until(() -> aborts() == 1.0);
      assertThat(registry.find(HttpServerMetrics.ERRORS).counters()).isEmpty();
      assertThat(
              registry
                  .get(HttpServerMetrics.REQUESTS)
                  .tag("uri", "/download")
                  .tag("outcome", "CLIENT_ABORT")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(registry.find(HttpServerMetrics.REQUESTS).tag("outcome", "SERVER_ERROR").timers())
          .isEmpty();
      assertThat(logs.events()).noneMatch(e -> "ERROR".equals(e.get("level")));
    }
    assertThat(SENTRY.events()).isEmpty();
  }

  private double aborts() {
    Counter c = registry.find(HttpServerMetrics.CLIENT_ABORTS).tag("uri", "/download").counter();
    return c == null ? 0 : c.count();
  }

  /** Sends a GET, reads a little of the body, then resets the connection (SO_LINGER 0). */
  private void abortMidBody(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
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
}
