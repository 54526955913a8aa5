package dev.obs.servlet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obs.config.ObsConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the JSON body of an admin or API request strictly: at most {@code obs.admin.max-body} bytes
 * (64 KiB by default) are read before anything is parsed, and the body must be exactly one JSON
 * object, without duplicate keys or trailing data. An empty body reads as an empty object.
 *
 * <pre>{@code
 * ObjectNode body = JsonBodies.fromConfig(obs.config()).read(request); // or BadBody, a 400/413
 * }</pre>
 */
public final class JsonBodies {
  /** The key of the largest body accepted, in bytes. */
  public static final String MAX_BODY_KEY = "obs.admin.max-body";

  /** The default largest body: 64 KiB. */
  public static final int DEFAULT_MAX_BODY = 64 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final int maxBytes;

  private JsonBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Returns a reader with the limit of {@code obs.admin.max-body}.
   *
   * @param config the configuration
   * @return the reader
   * @throws dev.obs.config.ObsConfigException if the limit is not a positive number of bytes
   */
  public static JsonBodies fromConfig(ObsConfig config) {
    return new JsonBodies(config.positiveInt(MAX_BODY_KEY, DEFAULT_MAX_BODY));
  }

  /**
   * Returns a reader with the given limit.
   *
   * @param maxBytes the largest body accepted, in bytes
   * @return the reader
   */
  public static JsonBodies ofMaxBytes(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    return new JsonBodies(maxBytes);
  }

  /**
   * Returns the largest body accepted.
   *
   * @return the limit in bytes
   */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Reads the request's body as one JSON object.
   *
   * @param request the request
   * @return the object; empty when the body is
   * @throws BadBody when the body is too large or not exactly one JSON object
   * @throws IOException when the body cannot be read
   */
  public ObjectNode read(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(maxBytes + 1);
    }
    if (bytes.length > maxBytes) {
      throw tooLarge();
    }
    return parse(bytes);
  }

  /**
   * Parses bytes as exactly one JSON object, as {@link #read} does.
   *
   * @param bytes the body
   * @return the object; empty when {@code bytes} is empty or blank
   * @throws BadBody when the body is too large or not exactly one JSON object
   */
  public ObjectNode parse(byte[] bytes) {
    if (bytes.length > maxBytes) {
      throw tooLarge();
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadBody(400, "the body is not one valid JSON object: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadBody(400, "the body could not be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      return JSON.createObjectNode();
    }
    if (!(node instanceof ObjectNode object)) {
      throw new BadBody(400, "the body must be a JSON object, got " + node.getNodeType());
    }
    return object;
  }

  private BadBody tooLarge() {
    return new BadBody(
        413,
        "the body must be at most "
            + maxBytes
            + " bytes (set "
            + MAX_BODY_KEY
            + " to change the limit)");
  }

  /** A body that was refused; its message is meant for the client. */
  public static final class BadBody extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The status to answer with. */
    private final int status;

    BadBody(int status, String message) {
      super(message);
      this.status = status;
    }

    /**
     * Returns the status to answer with: 413 for a body too large, otherwise 400.
     *
     * @return the HTTP status
     */
    public int status() {
      return status;
    }
  }
}
