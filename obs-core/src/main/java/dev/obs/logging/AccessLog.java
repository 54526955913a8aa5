package dev.obs.logging;

import dev.obs.config.ObsConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes one INFO line per HTTP request on the logger {@value #LOGGER_NAME}, with the fields {@code
 * method}, {@code route}, {@code status}, {@code duration_ms}, {@code bytes} and {@code
 * request_id}. {@code Obs} owns the one instance, built from its configuration, and writes the line
 * when an adapter records a finished request with {@code Obs.record}; it is off unless {@code
 * obs.logging.access-log} is true, and then costs one boolean check per request.
 *
 * <p>Of the request's log context the line carries only {@code request_id}: {@code trace_id},
 * {@code span_id}, {@code user_id}, {@code org_id} and {@code session_id} are left out, whether the
 * line is written on the request's thread while they are still set or on another thread.
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
    // The line is written while the request's context is still set, or for an async request on a
    // thread whose context may belong to another request: the id is put for this one line, the
    // other request fields are taken out, and everything is restored afterwards.
    @Nullable String previous = MDC.get(LogFields.REQUEST_ID);
    @Nullable String traceId = take(LogFields.TRACE_ID);
    @Nullable String spanId = take(LogFields.SPAN_ID);
    @Nullable String userId = take(LogFields.USER_ID);
    @Nullable String orgId = take(LogFields.ORG_ID);
    @Nullable String sessionId = take(LogFields.SESSION_ID);
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
      putBack(LogFields.TRACE_ID, traceId);
      putBack(LogFields.SPAN_ID, spanId);
      putBack(LogFields.USER_ID, userId);
      putBack(LogFields.ORG_ID, orgId);
      putBack(LogFields.SESSION_ID, sessionId);
    }
  }

  // Touching an absent key would still make Logback copy the MDC for the next line: only read it.
  private static @Nullable String take(String key) {
    @Nullable String value = MDC.get(key);
    if (value != null) {
      MDC.remove(key);
    }
    return value;
  }

  private static void putBack(String key, @Nullable String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
