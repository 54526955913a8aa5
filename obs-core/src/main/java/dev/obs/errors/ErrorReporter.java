package dev.obs.errors;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.http.HttpRequestView;
import dev.obs.logging.LogFields;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reports unhandled exceptions: decides from the ignore rules whether an error counts, gives it an
 * id, logs one structured ERROR line on the logger {@code obs.errors} and, when a Sentry DSN is
 * configured, queues a Sentry event with the request context. The id is what an adapter returns in
 * the {@link #ERROR_ID_HEADER} response header, so that a user can quote it; it is also the Sentry
 * event id.
 *
 * <p>Without a DSN ({@code obs.sentry.dsn} or {@code SENTRY_DSN}) Sentry stays off and only the log
 * line is written; the Sentry SDK is then not needed on the class path. docs/errors.md lists every
 * key with its default.
 *
 * <pre>{@code
 * try (ErrorReporter errors = ErrorReporter.create(obs.config(), registry)) {
 *   String errorId = errors.report(exception, requestView, 500);
 *   if (errorId != null) {
 *     response.setHeader(ErrorReporter.ERROR_ID_HEADER, errorId);
 *   }
 * }
 * }</pre>
 */
public final class ErrorReporter implements AutoCloseable {
  /** The response header carrying the error id: {@code X-Error-ID}. */
  public static final String ERROR_ID_HEADER = "X-Error-ID";

  /** The log field holding the error id: {@code error_id}. */
  public static final String ERROR_ID_FIELD = "error_id";

  static final String LOGGER_NAME = "obs.errors";
  static final int DEFAULT_MAX_IDENTICAL_PER_MINUTE = 10;
  static final int DEFAULT_MAX_BREADCRUMBS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  private final ErrorRules rules;
  private final IdenticalLimiter limiter;
  private final @Nullable EventSink sink;
  private final Duration shutdownTimeout;
  private final Counter sent;
  private final Counter logged;
  private final Counter ignored;
  private final Counter rateLimited;

  private ErrorReporter(
      ErrorRules rules,
      IdenticalLimiter limiter,
      @Nullable EventSink sink,
      Duration shutdownTimeout,
      MeterRegistry registry) {
    this.rules = rules;
    this.limiter = limiter;
    this.sink = sink;
    this.shutdownTimeout = shutdownTimeout;
    this.sent = reported(registry, "sent");
    this.logged = reported(registry, "logged");
    this.ignored = reported(registry, "ignored");
    this.rateLimited = reported(registry, "rate_limited");
  }

  /**
   * Creates a reporter from the {@code obs.sentry.*} and {@code obs.errors.*} keys (the {@code
   * SENTRY_DSN} environment variable is honoured) and registers its meters: {@code
   * obs.errors.reported} tagged {@code result} and {@code obs.errors.dropped}.
   *
   * @param config the configuration
   * @param registry where the meters go
   * @return the reporter; Sentry is off when no DSN is set
   * @throws ObsConfigException if a key has an invalid value, or a DSN is set but the Sentry SDK
   *     ({@code io.sentry:sentry}) is not on the class path
   */
  public static ErrorReporter create(ObsConfig config, MeterRegistry registry) {
    return create(config, registry, Clock.systemUTC());
  }

  /**
   * Creates a reporter as {@link #create(ObsConfig, MeterRegistry)} does, with the clock that times
   * the per-minute limit of identical events.
   *
   * @param config the configuration
   * @param registry where the meters go
   * @param clock the clock of the rate limit, a manual one in tests
   * @return the reporter
   * @throws ObsConfigException if a key has an invalid value or the Sentry SDK is missing
   */
  public static ErrorReporter create(ObsConfig config, MeterRegistry registry, Clock clock) {
    return create(config, registry, clock, System::getenv);
  }

  static ErrorReporter create(
      ObsConfig config, MeterRegistry registry, Clock clock, UnaryOperator<@Nullable String> env) {
    ErrorRules rules = ErrorRules.fromConfig(config);
    int perMinute =
        config.positiveInt("obs.errors.max-identical-per-minute", DEFAULT_MAX_IDENTICAL_PER_MINUTE);
    List<String> fields =
        config.get("obs.errors.scrub-fields").isPresent()
            ? config.list("obs.errors.scrub-fields")
            : Scrubber.DEFAULT_FIELDS;
    int maxBreadcrumbs = config.positiveInt("obs.errors.max-breadcrumbs", DEFAULT_MAX_BREADCRUMBS);
    boolean breadcrumbs = config.bool("obs.errors.breadcrumbs", true);
    SentrySettings settings = SentrySettings.fromConfig(config, env);
    Counter dropped =
        Counter.builder("obs.errors.dropped")
            .description("Error events the Sentry SDK discarded: queue full, rate limited, failed")
            .register(registry);
    EventSink sink = null;
    if (settings.dsn() != null) {
      if (!sentryPresent()) {
        throw new ObsConfigException(
            "obs.sentry.dsn",
            "obs.sentry.dsn is set but the Sentry SDK is not on the class path; add the"
                + " dependency io.sentry:sentry (obs-servlet brings it) or unset the DSN");
      }
      RecentLogs recent =
          breadcrumbs && logbackPresent() ? LogbackRecentLogs.attach() : RecentLogs.NONE;
      sink = SentrySender.create(settings, new Scrubber(fields), recent, maxBreadcrumbs, dropped);
    }
    return new ErrorReporter(
        rules, new IdenticalLimiter(perMinute, clock), sink, settings.shutdownTimeout(), registry);
  }

  /**
   * Reports an unhandled exception of a request, unless an ignore rule matches: only statuses in
   * {@code obs.errors.report-statuses} (5xx by default) and not in {@code
   * obs.errors.ignore-statuses} (404 and 429) are reported. A reported error gets an id, one ERROR
   * line on the logger {@code obs.errors} carrying {@code error_id}, {@code method}, {@code route}
   * and {@code status}, and, when Sentry is on and the identical-event limit allows, a Sentry event
   * queued for sending. Never throws and never waits on the network.
   *
   * @param error the exception, already unwrapped from container wrappers
   * @param request the request it failed
   * @param status the response status that the client gets
   * @return the error id, or {@code null} when the error is ignored
   */
  public @Nullable String report(Throwable error, HttpRequestView request, int status) {
    try {
      if (rules.ignoredBecause(error, status) != null) {
        ignored.increment();
        return null;
      }
      String id = UUID.randomUUID().toString().replace("-", "");
      log(id, error, request, status);
      EventSink s = sink;
      if (s == null) {
        logged.increment();
      } else if (!limiter.tryAcquire(error)) {
        rateLimited.increment();
      } else {
        s.send(context(id, error, request, status));
        sent.increment();
      }
      return id;
    } catch (RuntimeException | LinkageError e) {
      // Reporting must never fail the request it reports on.
      LOG.warn("obs.errors: could not report {}", error.getClass().getName(), e);
      return null;
    }
  }

  private static Report context(String id, Throwable error, HttpRequestView request, int status) {
    Map<String, String> context = new HashMap<>();
    for (String key :
        List.of(LogFields.REQUEST_ID, LogFields.TRACE_ID, LogFields.USER_ID, LogFields.ORG_ID)) {
      String value = MDC.get(key);
      if (value != null) {
        context.put(key, value);
      }
    }
    return new Report(error, id, request, status, context, Thread.currentThread().getName());
  }

  private static void log(String id, Throwable error, HttpRequestView request, int status) {
    String[] keys = {ERROR_ID_FIELD, LogFields.METHOD, LogFields.ROUTE, LogFields.STATUS};
    String[] values = {id, request.method(), request.path(), Integer.toString(status)};
    String[] previous = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      previous[i] = MDC.get(keys[i]);
      MDC.put(keys[i], values[i]);
    }
    try {
      LOG.error(
          "Unhandled exception {} on {} {}, status {}, error_id={}",
          error.getClass().getName(),
          request.method(),
          request.path(),
          status,
          id,
          error);
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (previous[i] == null) {
          MDC.remove(keys[i]);
        } else {
          MDC.put(keys[i], previous[i]);
        }
      }
    }
  }

  /**
   * Returns whether Sentry is on, that is whether a DSN was configured.
   *
   * @return {@code true} when reports also go to Sentry
   */
  public boolean sentryEnabled() {
    return sink != null;
  }

  /**
   * Flushes queued events for at most {@code obs.sentry.shutdown-timeout} (2 seconds by default)
   * and closes the Sentry client.
   */
  @Override
  public void close() {
    EventSink s = sink;
    if (s != null) {
      try {
        s.close(shutdownTimeout);
      } catch (RuntimeException e) {
        LOG.warn("obs.errors: closing the Sentry client failed", e);
      }
    }
  }

  private static Counter reported(MeterRegistry registry, String result) {
    return Counter.builder("obs.errors.reported")
        .description("Unhandled exceptions seen by obs, by what was done with them")
        .tag("result", result)
        .register(registry);
  }

  private static boolean sentryPresent() {
    return present("io.sentry.SentryClient");
  }

  private static boolean logbackPresent() {
    return present("ch.qos.logback.classic.LoggerContext");
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ErrorReporter.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
