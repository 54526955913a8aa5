package dev.obs.spring;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Describes every {@code obs.*} property for IDE completion and for the property table in
 * docs/spring-boot.md: the configuration processor turns these records into {@code
 * META-INF/spring-configuration-metadata.json}.
 *
 * <p>It is deliberately not bound. {@link EnvironmentConfig} hands the {@code obs.*} entries of the
 * Spring {@code Environment} to {@link dev.obs.ObsConfig}, so a Spring application and a plain one
 * read each key with the same parser, the same default and the same error message. Each default
 * here repeats the one in obs-core for the metadata; {@code ObsPropertiesTest} checks they agree.
 *
 * @param enabled whether the starter configures obs at all; {@code false} leaves the application as
 *     if the starter were absent
 * @param service the service the application runs as
 * @param admin access to details and administrative endpoints
 * @param metrics the /metrics endpoint and the JVM meters
 * @param http how HTTP server requests are recorded
 * @param health the health checks and their endpoints
 * @param logging JSON logs
 * @param tracing OpenTelemetry spans for HTTP server requests
 * @param sentry sending errors to Sentry
 * @param errors which errors are reported, and how
 * @param spring choices that exist only in Spring Boot applications
 */
@ConfigurationProperties("obs")
record ObsProperties(
    @DefaultValue("true") boolean enabled,
    Service service,
    Admin admin,
    Metrics metrics,
    Http http,
    Health health,
    Logging logging,
    Tracing tracing,
    Sentry sentry,
    Errors errors,
    Spring spring) {

  /**
   * The service the application runs as.
   *
   * @param name the {@code service.name} of the spans obs exports; OpenTelemetry's default is
   *     {@code unknown_service:java}
   */
  record Service(@Nullable String name) {}

  /**
   * Access to details and administrative endpoints.
   *
   * @param token the bearer token that reveals health details (callers send {@code Authorization:
   *     Bearer <token>}); not set by default
   */
  record Admin(@Nullable String token) {}

  /**
   * The /metrics endpoint and the JVM meters.
   *
   * @param enabled whether /metrics serves the Prometheus text format
   * @param token when set, /metrics requires {@code Authorization: Bearer <token>}
   * @param jvm the JVM and process meters
   */
  record Metrics(@DefaultValue("true") boolean enabled, @Nullable String token, Switch jvm) {}

  /**
   * How HTTP server requests are recorded in {@code http.server.requests}.
   *
   * @param enabled whether requests are recorded; request ids are set either way
   * @param buckets histogram bucket boundaries, positive durations
   * @param percentiles client-side percentiles, each between 0 and 1; not exposed at /metrics
   * @param uriCap distinct {@code uri} tag values before new ones become {@code OTHER}
   * @param exclude more path patterns not to record, such as {@code /internal/**}
   * @param recordObsEndpoints whether requests to /metrics and the health endpoints are recorded
   * @param errorStatuses statuses counted in {@code obs.http.server.errors}: codes, ranges and
   *     classes such as {@code 5xx,429} or {@code 500-503}
   * @param requestIdHeader the request id header read and written by the filter
   */
  record Http(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5ms,10ms,25ms,50ms,75ms,100ms,250ms,500ms,750ms,1s,2.5s,5s,7.5s,10s")
          List<Duration> buckets,
      List<Double> percentiles,
      @DefaultValue("500") int uriCap,
      List<String> exclude,
      @DefaultValue("false") boolean recordObsEndpoints,
      @DefaultValue("5xx") String errorStatuses,
      @DefaultValue("X-Request-ID") String requestIdHeader) {}

  /**
   * The health checks and their endpoints.
   *
   * @param endpoints the /livez, /readyz and /healthz endpoints
   * @param showDetails who sees check messages and details: {@code never}, {@code when-authorized}
   *     (callers with the admin token) or {@code always}
   * @param timeout the timeout of each check without its own
   * @param cacheTtl how long a check result is reused; zero or positive
   * @param threads the threads that run checks
   * @param drain how long readiness stays DOWN before the application stops; zero or positive
   * @param db a JDBC check for each {@code DataSource} bean, named {@code db} (or after the bean
   *     when there are several)
   * @param redis a Redis check named {@code redis} when {@code spring.data.redis.host} or {@code
   *     spring.data.redis.url} is set
   * @param actuator obs's checks in Actuator's health endpoint as the contributor {@code obs}, when
   *     Actuator is present
   */
  record Health(
      Switch endpoints,
      @DefaultValue("when-authorized") String showDetails,
      @DefaultValue("2s") Duration timeout,
      @DefaultValue("1s") Duration cacheTtl,
      @DefaultValue("4") int threads,
      @DefaultValue("0s") Duration drain,
      Switch db,
      Switch redis,
      Switch actuator) {}

  /**
   * JSON logs.
   *
   * @param json whether the starter switches the root logger to obs's JSON lines on stdout when the
   *     application starts
   * @param service the {@code service} field; left out when empty
   * @param version the {@code version} field; left out when empty
   * @param environment the {@code environment} field; left out when empty
   * @param mask what is masked in log lines
   * @param stackDepth frames kept per exception in {@code stack_trace}
   * @param async appending through a bounded queue that drops rather than blocks
   * @param accessLog whether each recorded request gets one {@code obs.access} line
   * @param userHeader a request header whose safe value becomes {@code user_id}
   * @param orgHeader a request header whose safe value becomes {@code org_id}
   * @param userFromPrincipal whether the authenticated principal's name becomes {@code user_id}
   */
  record Logging(
      Switch json,
      @Nullable String service,
      @Nullable String version,
      @Nullable String environment,
      Mask mask,
      @DefaultValue("30") int stackDepth,
      Async async,
      @DefaultValue("false") boolean accessLog,
      @Nullable String userHeader,
      @Nullable String orgHeader,
      @DefaultValue("false") boolean userFromPrincipal) {}

  /**
   * What is masked in log lines.
   *
   * @param fields field names whose values are masked; replaces the default list
   * @param patterns more Java regular expressions whose matches are masked
   */
  record Mask(
      @DefaultValue("password,token,secret,authorization,cookie,api_key") List<String> fields,
      List<String> patterns) {}

  /**
   * Appending through a bounded queue.
   *
   * @param enabled whether log events go through the queue
   * @param queueSize the capacity of the queue
   */
  record Async(@DefaultValue("false") boolean enabled, @DefaultValue("8192") int queueSize) {}

  /**
   * OpenTelemetry spans for HTTP server requests.
   *
   * @param enabled whether requests are traced and trace ids put in the logs
   * @param exporter what obs builds when neither the application nor the agent set up
   *     OpenTelemetry: {@code none}, {@code otlp} or {@code logging}
   * @param otlp the OTLP exporter
   * @param sampleRatio the share of new traces recorded, from 0 to 1
   * @param includeObsEndpoints whether requests to obs's own endpoints are traced
   */
  record Tracing(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("none") String exporter,
      Otlp otlp,
      @DefaultValue("1.0") double sampleRatio,
      @DefaultValue("false") boolean includeObsEndpoints) {}

  /**
   * The OTLP exporter.
   *
   * @param endpoint the collector's OTLP/HTTP base URL
   */
  record Otlp(@DefaultValue("http://localhost:4318") String endpoint) {}

  /**
   * Sending errors to Sentry.
   *
   * @param dsn the project DSN; the {@code SENTRY_DSN} environment variable when not set, and
   *     Sentry stays off without either
   * @param enabled {@code false} keeps Sentry off even with a DSN
   * @param environment the event environment; {@code SENTRY_ENVIRONMENT}, else {@code production}
   * @param release the event release; {@code SENTRY_RELEASE}, else the jar's version
   * @param sampleRate the share of events sent, above 0 and at most 1
   * @param serverName the event server name; {@code HOSTNAME}, else the local host name
   * @param sendDefaultPii whether the principal's name and the client address are sent
   * @param maxQueueSize envelopes waiting to be sent; more are dropped
   * @param shutdownTimeout the longest closing waits to flush
   */
  record Sentry(
      @Nullable String dsn,
      @DefaultValue("true") boolean enabled,
      @Nullable String environment,
      @Nullable String release,
      @DefaultValue("1.0") double sampleRate,
      @Nullable String serverName,
      @DefaultValue("false") boolean sendDefaultPii,
      @DefaultValue("100") int maxQueueSize,
      @DefaultValue("2s") Duration shutdownTimeout) {}

  /**
   * Which errors are reported, and how.
   *
   * @param reportStatuses the statuses reported: codes, ranges and classes such as {@code 5xx,429}
   * @param ignoreStatuses the statuses never reported, same syntax
   * @param ignoreExceptions class names never reported; subclasses too
   * @param ignoreMessages Java regular expressions of exception messages never reported
   * @param maxIdenticalPerMinute identical events sent per minute
   * @param scrubFields sensitive names whose values are scrubbed; replaces the default list
   * @param breadcrumbs whether recent log lines are attached as breadcrumbs
   * @param maxBreadcrumbs breadcrumbs per event
   */
  record Errors(
      @DefaultValue("5xx") String reportStatuses,
      @DefaultValue("404,429") String ignoreStatuses,
      List<String> ignoreExceptions,
      List<String> ignoreMessages,
      @DefaultValue("10") int maxIdenticalPerMinute,
      @DefaultValue("password,token,secret,authorization,cookie,api_key,set-cookie,x-api-key")
          List<String> scrubFields,
      @DefaultValue("true") boolean breadcrumbs,
      @DefaultValue("30") int maxBreadcrumbs) {}

  /**
   * Choices that exist only in Spring Boot applications.
   *
   * @param requestMetrics which filter records {@code http.server.requests} when Spring's own
   *     observation of server requests is also present (Actuator): {@code obs} or {@code spring}
   */
  record Spring(@DefaultValue("obs") String requestMetrics) {}

  /**
   * A feature that is on unless switched off.
   *
   * @param enabled whether the feature is on
   */
  record Switch(@DefaultValue("true") boolean enabled) {}
}
