package dev.obs.logging;

/**
 * The field names of obs's JSON log lines. The context fields are also the SLF4J MDC keys: whatever
 * puts {@link #REQUEST_ID} into the MDC makes every line logged meanwhile carry it.
 *
 * <pre>{@code
 * MDC.put(LogFields.REQUEST_ID, id); // what ObsFilter does for each request
 * }</pre>
 */
public final class LogFields {
  /** When the event happened, ISO-8601 in UTC. */
  public static final String TIMESTAMP = "@timestamp";

  /** The level: {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}. */
  public static final String LEVEL = "level";

  /** The logger name. */
  public static final String LOGGER = "logger";

  /** The name of the thread that logged. */
  public static final String THREAD = "thread";

  /** The formatted message. */
  public static final String MESSAGE = "message";

  /** The exception's stack trace, root cause first, secrets masked. */
  public static final String STACK_TRACE = "stack_trace";

  /** The request id; an MDC key, set by the adapters for the duration of a request. */
  public static final String REQUEST_ID = "request_id";

  /** The trace id; an MDC key, set by tracing. */
  public static final String TRACE_ID = "trace_id";

  /** The span id; an MDC key, set by tracing. */
  public static final String SPAN_ID = "span_id";

  /** The user id; an MDC key, set through {@link LogContext#user(String)}. */
  public static final String USER_ID = "user_id";

  /** The organisation id; an MDC key, set through {@link LogContext#org(String)}. */
  public static final String ORG_ID = "org_id";

  /** The session id; an MDC key, set through {@link LogContext#session(String)}. */
  public static final String SESSION_ID = "session_id";

  /** The service name, from {@code obs.logging.service}. */
  public static final String SERVICE = "service";

  /** The service version, from {@code obs.logging.version}. */
  public static final String VERSION = "version";

  /** The deployment environment, from {@code obs.logging.environment}. */
  public static final String ENVIRONMENT = "environment";

  /** Access log: the HTTP method. */
  public static final String METHOD = "method";

  /** Access log: the route template, the same value as the {@code uri} tag of the metrics. */
  public static final String ROUTE = "route";

  /** Access log: the response status. */
  public static final String STATUS = "status";

  /** Access log: the time from the request's arrival to its completion, in milliseconds. */
  public static final String DURATION_MS = "duration_ms";

  /** Access log: the response's {@code Content-Length}, or -1 when it is not known. */
  public static final String BYTES = "bytes";

  private LogFields() {}
}
