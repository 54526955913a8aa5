package dev.obs.backup.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A loopback server answering like Qdrant's snapshot API. */
class HttpSnapshotSourceTest {
  private static final byte[] SNAPSHOT = "snapshot bytes".getBytes(StandardCharsets.UTF_8);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/collections/docs/snapshots",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + path
                  + " key="
                  + exchange.getRequestHeaders().getFirst("api-key"));
          byte[] body;
          int status = 200;
          if (exchange.getRequestMethod().equals("POST") && path.endsWith("/snapshots")) {
            body =
                "{\"result\":{\"name\":\"docs-2025.snapshot\"},\"status\":\"ok\"}"
                    .getBytes(StandardCharsets.UTF_8);
          } else if (exchange.getRequestMethod().equals("GET")
              && path.endsWith("/docs-2025.snapshot")) {
            body = SNAPSHOT;
          } else if (exchange.getRequestMethod().equals("DELETE")) {
            body = "{\"result\":true}".getBytes(StandardCharsets.UTF_8);
          } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/upload")) {
            synchronized (uploaded) {
              exchange.getRequestBody().transferTo(uploaded);
            }
            body = "{\"result\":true}".getBytes(StandardCharsets.UTF_8);
          } else {
            status = 404;
            body = "{\"status\":{\"error\":\"not found\"}}".getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/collections/docs/snapshots";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void createsDownloadsAndDeletesASnapshotThenRestoresByUpload() throws Exception {
    HttpSnapshotSource source =
        HttpSnapshotSource.builder("vectors", URI.create(base))
            .downloadUri(base + "/{name}")
            .restoreUri(URI.create(base + "/upload"))
            .deleteAfterDownload(true)
            .header("api-key", "secret")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SourceResult result = source.backup(out);

    assertThat(out.toByteArray()).isEqualTo(SNAPSHOT);
    assertThat(result.counts()).isEqualTo(Map.of("bytes", (long) SNAPSHOT.length));
    assertThat(requests)
        .containsExactly(
            "POST /collections/docs/snapshots key=secret",
            "GET /collections/docs/snapshots/docs-2025.snapshot key=secret",
            "DELETE /collections/docs/snapshots/docs-2025.snapshot key=secret");

    source.restore(
        new ByteArrayInputStream(SNAPSHOT), new RestoreTarget(source.defaultTarget(), false));
    synchronized (uploaded) {
      assertThat(uploaded.toByteArray()).isEqualTo(SNAPSHOT);
    }
  }

  @Test
  void anErrorAnswerFailsNamingTheStep() {
    HttpSnapshotSource source =
        HttpSnapshotSource.builder("vectors", URI.create(base + "/missing"))
            .downloadUri(base + "/{name}")
            .build();

    assertThatThrownBy(() -> source.backup(new ByteArrayOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "creating a snapshot answered HTTP 404: {\"status\":{\"error\":\"not found\"}}");
  }

  @Test
  void aFailedRestoreNamesTheUrlWithoutItsSecrets() {
    HttpSnapshotSource source =
        HttpSnapshotSource.builder("vectors", URI.create(base + "/missing"))
            .restoreUri(
                URI.create(
                    base.replace("http://", "http://ops:SECRET@")
                        + "/upload-missing?api-key=SECRET"))
            .build();

    assertThatThrownBy(
            () ->
                source.restore(
                    new ByteArrayInputStream(SNAPSHOT),
                    new RestoreTarget(source.defaultTarget(), false)))
        .isInstanceOf(IOException.class)
        .message()
        .startsWith(
            "restoring snapshot to http://***@127.0.0.1:"
                + server.getAddress().getPort()
                + "/collections/docs/snapshots/upload-missing?api-key=*** answered HTTP ")
        .doesNotContain("SECRET");
  }
}
