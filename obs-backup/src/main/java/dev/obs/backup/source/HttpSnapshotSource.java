package dev.obs.backup.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.config.SecretUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that makes snapshots over HTTP, modelled on Qdrant's snapshot API: a POST asks for a
 * snapshot and answers JSON naming it, a GET downloads it (streamed), and an optional DELETE
 * removes it from the service afterwards. A restore POSTs the snapshot's bytes to a restore URL.
 *
 * <pre>{@code
 * BackupSource qdrant = HttpSnapshotSource.builder("vectors",
 *         URI.create("http://127.0.0.1:6333/collections/docs/snapshots"))
 *     .downloadUri("http://127.0.0.1:6333/collections/docs/snapshots/{name}")
 *     .namePointer("/result/name")
 *     .header("api-key", System.getenv("QDRANT_API_KEY"))
 *     .build();
 * }</pre>
 */
public final class HttpSnapshotSource implements BackupSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI createUri;
  private final @Nullable String downloadUri;
  private final String namePointer;
  private final @Nullable URI restoreUri;
  private final boolean deleteAfterDownload;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpClient client;

  private HttpSnapshotSource(Builder b) {
    this.name = b.name;
    this.createUri = b.createUri;
    this.downloadUri = b.downloadUri;
    this.namePointer = b.namePointer;
    this.restoreUri = b.restoreUri;
    this.deleteAfterDownload = b.deleteAfterDownload;
    this.headers = Map.copyOf(b.headers);
    this.timeout = b.timeout;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Starts a builder.
   *
   * @param name the source's name in its plan
   * @param createUri the URL a POST to which makes a snapshot
   * @return the builder
   */
  public static Builder builder(String name, URI createUri) {
    return new Builder(name, createUri);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "http";
  }

  @Override
  public String extension() {
    return ".snapshot";
  }

  @Override
  public String defaultTarget() {
    return restoreUri == null ? createUri.toString() : restoreUri.toString();
  }

  @Override
  public SourceResult backup(OutputStream out) throws IOException, InterruptedException {
    HttpResponse<InputStream> created =
        client.send(
            request(createUri).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    URI download;
    try (InputStream body = created.body()) {
      check(created, "creating a snapshot");
      if (downloadUri == null) {
        // The service answers the snapshot itself.
        long size = body.transferTo(out);
        return SourceResult.of(Map.of("bytes", size));
      }
      JsonNode answer = JSON.readTree(body);
      JsonNode snapshot = answer == null ? null : answer.at(namePointer);
      if (snapshot == null || !snapshot.isValueNode() || snapshot.asText().isEmpty()) {
        throw new IOException(
            "snapshot answer from "
                + SecretUrls.redact(createUri)
                + " has no name at "
                + namePointer
                + ": "
                + answer);
      }
      download =
          URI.create(
              downloadUri.replace(
                  "{name}",
                  URLEncoder.encode(snapshot.asText(), StandardCharsets.UTF_8)
                      .replace("+", "%20")));
    }
    HttpResponse<InputStream> got =
        client.send(request(download).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    long size;
    try (InputStream body = got.body()) {
      check(got, "downloading " + SecretUrls.redact(download));
      size = body.transferTo(out);
    }
    if (deleteAfterDownload) {
      HttpResponse<Void> deleted =
          client.send(request(download).DELETE().build(), HttpResponse.BodyHandlers.discarding());
      if (deleted.statusCode() / 100 != 2) {
        throw new IOException(
            "deleting snapshot "
                + SecretUrls.redact(download)
                + " answered HTTP "
                + deleted.statusCode());
      }
    }
    return SourceResult.of(Map.of("bytes", size));
  }

  @Override
  public SourceResult restore(InputStream in, RestoreTarget target)
      throws IOException, InterruptedException {
    URI uri = URI.create(target.location());
    HttpResponse<String> answer =
        client.send(
            request(uri)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IOException(
          "restoring snapshot to "
              + SecretUrls.redact(uri)
              + " answered HTTP "
              + answer.statusCode()
              + ": "
              + abbreviate(answer.body()));
    }
    return new SourceResult(Map.of(), Map.of(), List.of());
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    headers.forEach(b::header);
    return b;
  }

  private static void check(HttpResponse<InputStream> response, String what) throws IOException {
    if (response.statusCode() / 100 != 2) {
      String body = new String(response.body().readNBytes(500), StandardCharsets.UTF_8);
      throw new IOException(
          what + " answered HTTP " + response.statusCode() + ": " + abbreviate(body));
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  @Override
  public String toString() {
    return "HttpSnapshotSource[" + name + ", " + createUri + "]";
  }

  /** Builds an {@link HttpSnapshotSource}. */
  public static final class Builder {
    private final String name;
    private final URI createUri;
    private @Nullable String downloadUri;
    private String namePointer = "/result/name";
    private @Nullable URI restoreUri;
    private boolean deleteAfterDownload;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout = Duration.ofMinutes(30);

    private Builder(String name, URI createUri) {
      this.name = Objects.requireNonNull(name, "name");
      this.createUri = Objects.requireNonNull(createUri, "createUri");
    }

    /**
     * Sets the download URL template, where {@code {name}} stands for the snapshot's name. Without
     * it, the answer to the POST is the snapshot itself.
     *
     * @param template such as {@code http://host/collections/c/snapshots/{name}}
     * @return this builder
     */
    public Builder downloadUri(String template) {
      this.downloadUri = template;
      return this;
    }

    /**
     * Sets where the snapshot's name is in the POST's JSON answer. The default is {@code
     * /result/name} (Qdrant).
     *
     * @param pointer a JSON pointer
     * @return this builder
     */
    public Builder namePointer(String pointer) {
      this.namePointer = pointer;
      return this;
    }

    /**
     * Sets the default restore URL, to which a restore POSTs the snapshot.
     *
     * @param uri the URL
     * @return this builder
     */
    public Builder restoreUri(URI uri) {
      this.restoreUri = uri;
      return this;
    }

    /**
     * Deletes the snapshot from the service after downloading it. Off by default.
     *
     * @param delete whether to delete
     * @return this builder
     */
    public Builder deleteAfterDownload(boolean delete) {
      this.deleteAfterDownload = delete;
      return this;
    }

    /**
     * Adds a header to every request, such as an API key.
     *
     * @param header the header's name
     * @param value its value
     * @return this builder
     */
    public Builder header(String header, String value) {
      headers.put(header, value);
      return this;
    }

    /**
     * Sets the timeout of each request. The default is 30 minutes.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public HttpSnapshotSource build() {
      return new HttpSnapshotSource(this);
    }
  }
}
