package dev.obs.logging;

import dev.obs.config.ObsConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes one INFO line per HTTP request on the logger {@value #LOGGER_NAME}, with the fields {@code
 * method}, {@code route}, {@code status}, {@code duration_ms}, {@code bytes} and {@code
 * request_id}. Adapters call it where they record the exchange; it is off unless {@code
 * obs.logging.access-log} is true, and then costs one boolean check per request.
 *
 * <p>The fields are SLF4J key-value pairs, so any SLF4J 2 backend can show them; obs's JSON encoder
 * writes them as top-level fields:
 *
 * <pre>{@code
 * {"@timestamp":"…","level":"INFO","logger":"obs.access","message":"GET /users/{id} 200 3.2 ms",
 *  "request_id":"9f2c…","method":"GET","route":"/users/{id}","status":200,"duration_ms":3.2,
 *  "bytes":512}
 * }</pre>
 */
public final class AccessLog {
  /** The name of the logger the access lines are written to. */
  public static final String LOGGER_NAME = "obs.access";

  private static final AccessLog DISABLED = new AccessLog(false);

  private final boolean enabled;
  private final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

  private AccessLog(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Returns the access log that {@code obs.logging.access-log} asks for.
   *
   * @param config the configuration
   * @return an enabled or a disabled access log
   * @throws dev.obs.config.ObsConfigException if an {@code obs.logging.*} key has an invalid value
   */
  public static AccessLog fromConfig(ObsConfig config) {
    return of(LoggingOptions.fromConfig(config));
  }

  /**
   * Returns the access log that the options ask for.
   *
   * @param options the logging options
   * @return an enabled or a disabled access log
   */
  public static AccessLog of(LoggingOptions options) {
    return options.accessLog() ? new AccessLog(true) : DISABLED;
  }

  /**
   * Returns an access log that writes nothing.
   *
   * @return the disabled access log
   */
  public static AccessLog disabled() {
    return DISABLED;
  }

  /**
   * Tells whether lines are written; callers check it before computing the arguments of {@link
   * #log}.
   *
   * @return true when enabled
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Writes the line for one request, if enabled. Never throws.
   *
   * @param method the HTTP method
   * @param route the route template, as in the {@code uri} tag of {@code http.server.requests}
   * @param status the response status
   * @param durationNanos the request's duration in nanoseconds
   * @param bytes the response's {@code Content-Length}, or -1 when unknown
   * @param requestId the request id, or {@code null} when the request has none
   */
  public void log(
      String method,
      String route,
      int status,
      long durationNanos,
      long bytes,
      @Nullable String requestId) {
    if (!enabled || !logger.isInfoEnabled()) {
      return;
    }
    double ms = Math.round(durationNanos / 1_000.0) / 1_000.0;
    // The request's own MDC is gone by now (or belongs to another request on this thread, for an
    // async request completed elsewhere), so the id is put for this one line and then restored.
    @Nullable String previous = MDC.get(LogFields.REQUEST_ID);
    try {
      if (requestId != null) {
        MDC.put(LogFields.REQUEST_ID, requestId);
      } else {
        MDC.remove(LogFields.REQUEST_ID);
      }
      logger
          .atInfo()
          .addKeyValue(LogFields.METHOD, method)
          .addKeyValue(LogFields.ROUTE, route)
          .addKeyValue(LogFields.STATUS, status)
          .addKeyValue(LogFields.DURATION_MS, ms)
          .addKeyValue(LogFields.BYTES, bytes)
          .log("{} {} {} {} ms", method, route, status, ms);
    } catch (RuntimeException e) {
      // A broken appender must not fail the request; the backend reports its own errors.
    } finally {
      if (previous != null) {
        MDC.put(LogFields.REQUEST_ID, previous);
      } else {
        MDC.remove(LogFields.REQUEST_ID);
      }
    }
  }
}
