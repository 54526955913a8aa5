package dev.obs.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Describes every {@code obs.*} property for IDE completion and for the property table in
 * docs/spring-boot.md: the configuration processor turns these records into {@code
 * META-INF/spring-configuration-metadata.json}.
 *
 * <p>It is deliberately not bound. {@link EnvironmentConfig} hands the {@code obs.*} entries of the
 * Spring {@code Environment} to {@link dev.obs.config.ObsConfig}, so a Spring application and a
 * plain one read each key with the same parser, the same default and the same error message. Each
 * default here repeats the one in obs-core for the metadata; {@code ObsPropertiesTest} checks they
 * agree.
 *
 * @param enabled whether the starter configures obs at all; {@code false} leaves the application as
 *     if the starter were absent
 * @param service the service the application runs as
 * @param admin access to details and administrative endpoints
 * @param metrics the /metrics endpoint and the JVM meters
 * @param web which obs endpoints are served, and where
 * @param api the history API
 * @param http how HTTP server requests are recorded
 * @param health the health checks and their endpoints
 * @param logging JSON logs
 * @param tracing OpenTelemetry spans for HTTP server requests
 * @param sentry sending errors to Sentry
 * @param errors which errors are reported, and how
 * @param alerts alert rules evaluated in-process, and their notifications
 * @param backup backup plans, run on schedules
 * @param history the metrics history behind the status page
 * @param status the public status page
 * @param spring choices that exist only in Spring Boot applications
 * @param background obs's own threads
 */
@ConfigurationProperties("obs")
record ObsProperties(
    @DefaultValue("true") boolean enabled,
    Service service,
    Admin admin,
    Metrics metrics,
    Web web,
    Api api,
    Http http,
    Health health,
    Logging logging,
    Tracing tracing,
    Sentry sentry,
    Errors errors,
    Alerts alerts,
    Backup backup,
    History history,
    Status status,
    Spring spring,
    Background background) {

  /**
   * obs's own background threads.
   *
   * @param enabled whether obs evaluates alert rules, ticks notification timers, refreshes health
   *     checks and samples the history on its own threads; when false the application (or a test)
   *     calls {@code evaluateDue()}, {@code tick()} and {@code refreshDue()}
   */
  record Background(@DefaultValue("true") boolean enabled) {}

  /**
   * The service the application runs as.
   *
   * @param name the {@code service.name} of the spans obs exports; OpenTelemetry's default is
   *     {@code unknown_service:java}
   */
  record Service(@Nullable String name) {}

  /**
   * Who may use the guarded endpoints and see health details (see docs/security.md).
   *
   * @param token a bearer token with write access, named {@code admin} in audit lines (callers send
   *     {@code Authorization: Bearer <token>}); not set by default
   * @param tokens named bearer tokens, several at once for rotation
   * @param users HTTP Basic users with password hashes
   * @param usersCacheTtl how long a verified Basic user and password is remembered, so the slow
   *     hash does not run on every request; zero turns the cache off
   * @param jwt JWT bearer tokens
   * @param allowFrom CIDR blocks the callers of guarded endpoints must come from, such as {@code
   *     10.0.0.0/8}; empty allows every address
   * @param alerts the {@code /obs/admin/alerts} and {@code /obs/admin/rules} endpoints
   * @param maxBody the largest request body the admin and API endpoints read, in bytes; larger ones
   *     are answered 413 before anything is parsed
   */
  record Admin(
      @Nullable String token,
      Map<String, Token> tokens,
      Map<String, User> users,
      @DefaultValue("60s") Duration usersCacheTtl,
      Jwt jwt,
      List<String> allowFrom,
      Switch alerts,
      @DefaultValue("65536") int maxBody) {}

  /**
   * A named bearer token.
   *
   * @param token the token, at least 16 characters
   * @param access {@code read} or {@code write} (which includes read)
   */
  record Token(@Nullable String token, @DefaultValue("write") String access) {}

  /**
   * An HTTP Basic user.
   *
   * @param passwordHash a bcrypt hash ({@code htpasswd -nbBC 10 user password}) or {@code
   *     $pbkdf2-sha256$<iterations>$<salt>$<hash>}; plain text is refused
   * @param access {@code read} or {@code write} (which includes read)
   */
  record User(@Nullable String passwordHash, @DefaultValue("write") String access) {}

  /**
   * JWT bearer tokens, verified with Nimbus JOSE+JWT.
   *
   * @param secret the HS256 secret, at least 32 bytes; or set {@code jwks-url}
   * @param jwksUrl where the RS256 and ES256 keys are published
   * @param jwksTtl how long fetched keys are kept before they are fetched again
   * @param issuer the {@code iss} tokens must carry, when set
   * @param audience a value the {@code aud} of tokens must hold, when set
   * @param clockSkew how far {@code exp} and {@code nbf} may be off
   * @param claim the claim that grants access: a space-separated string or a list
   * @param readScope the claim value that grants read
   * @param writeScope the claim value that grants write (and read)
   */
  record Jwt(
      @Nullable String secret,
      @Nullable String jwksUrl,
      @DefaultValue("5m") Duration jwksTtl,
      @Nullable String issuer,
      @Nullable String audience,
      @DefaultValue("60s") Duration clockSkew,
      @DefaultValue("scope") String claim,
      @DefaultValue("obs:read") String readScope,
      @DefaultValue("obs:write") String writeScope) {}

  /**
   * The /metrics endpoint and the JVM meters.
   *
   * @param enabled whether /metrics serves the Prometheus text format
   * @param token a bearer token Prometheus scrapes with (read access); setting it protects /metrics
   * @param isPublic whether /metrics answers anyone; by default true unless {@code
   *     obs.metrics.token} is set. When false the admin credentials that grant read are accepted
   *     too, so Prometheus can scrape with {@code basic_auth}
   * @param jvm the JVM and process meters
   */
  record Metrics(
      @DefaultValue("true") boolean enabled,
      @Nullable String token,
      @Name("public") @Nullable Boolean isPublic,
      Switch jvm) {}

  /**
   * Which obs endpoints are served, and where.
   *
   * @param exposure the endpoint ids served
   * @param basePath a prefix for every obs path, such as {@code /ops}; none by default
   * @param pathConflict what happens when an obs path would shadow one the application maps: {@code
   *     fail} (the start fails naming both), {@code app} (servlet mappings: obs leaves the path to
   *     the application) or {@code obs} (Spring MVC mappings: obs answers, with a warning)
   */
  record Web(
      Exposure exposure, @Nullable String basePath, @DefaultValue("fail") String pathConflict) {}

  /**
   * The endpoint ids served: {@code health}, {@code metrics}, {@code status}, {@code api}, {@code
   * admin}, or {@code *}.
   *
   * @param include the endpoint ids served; add {@code status} for the public status page
   * @param exclude the endpoint ids not served, even when included
   */
  record Exposure(
      @DefaultValue("health,metrics,api,admin") List<String> include, List<String> exclude) {}

  /**
   * The history API, {@code /obs/api/summary} and {@code /obs/api/series}.
   *
   * @param isPublic whether {@code /obs/api/summary} and {@code /obs/api/series} answer anyone;
   *     false by default, so they need read access
   */
  record Api(@Name("public") @DefaultValue("false") boolean isPublic) {}

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
   * Alert rules evaluated in-process over the application's meters.
   *
   * @param enabled whether rules are evaluated at all
   * @param ruleFiles Prometheus rule files: paths, {@code file:} locations or {@code classpath:}
   *     resources
   * @param interval the evaluation interval of groups without their own
   * @param builtin the built-in rule pack
   * @param retention the history the in-memory store keeps for the rules
   * @param notifications where firing and resolved alerts are sent, under {@code obs.alerts.notify}
   */
  record Alerts(
      @DefaultValue("true") boolean enabled,
      List<String> ruleFiles,
      @DefaultValue("15s") Duration interval,
      Builtin builtin,
      AlertRetention retention,
      @Name("notify") Notify notifications) {}

  /**
   * The history the in-memory store keeps for alert rules.
   *
   * @param max the most history kept; a rule that reads further back sees less
   */
  record AlertRetention(@DefaultValue("1h") Duration max) {}

  /**
   * The built-in rule pack and its thresholds.
   *
   * @param enabled whether the pack is loaded
   * @param errorRate the {@code HighErrorRate} threshold, a ratio
   * @param latencyP95 the {@code HighLatency} threshold
   * @param latencyBaselineFactor the {@code LatencyAboveBaseline} factor
   * @param heap the {@code HeapNearlyFull} threshold, a ratio
   * @param cpu the {@code HighCpu} threshold, a ratio
   * @param pool the {@code ConnectionPoolNearlyFull} threshold, a ratio
   * @param redisMemory the {@code RedisMemoryHigh} threshold, a ratio
   */
  record Builtin(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("0.05") double errorRate,
      @DefaultValue("1s") Duration latencyP95,
      @DefaultValue("2") double latencyBaselineFactor,
      @DefaultValue("0.9") double heap,
      @DefaultValue("0.9") double cpu,
      @DefaultValue("0.8") double pool,
      @DefaultValue("0.8") double redisMemory) {}

  /**
   * Alert notifications: receivers, routes, grouping, limits, silences and the digest.
   *
   * @param enabled whether alerts are sent; {@code false} ignores every alert
   * @param receiver each receiver by name
   * @param receivers the receivers' names; {@code log} always exists
   * @param route each route by name
   * @param routes the routes' names, in matching order
   * @param groupBy grouping labels of every route; {@code ...} for all labels
   * @param groupWait the wait of a new group
   * @param groupInterval the interval between looks at a group
   * @param repeatInterval the interval before an unchanged group is sent again
   * @param ruleLimit notifications per rule and receiver, as count/period
   * @param silences where silences are kept
   * @param digest the daily digest
   * @param externalUrl the application's URL, for links
   * @param retry retries of a failed delivery
   * @param closeTimeout how long closing lets the queues flush
   */
  record Notify(
      @DefaultValue("true") boolean enabled,
      List<String> receivers,
      Map<String, Receiver> receiver,
      List<String> routes,
      Map<String, Route> route,
      @DefaultValue("alertname") List<String> groupBy,
      @DefaultValue("30s") Duration groupWait,
      @DefaultValue("5m") Duration groupInterval,
      @DefaultValue("4h") Duration repeatInterval,
      @DefaultValue("10/1h") String ruleLimit,
      Silences silences,
      Digest digest,
      @Nullable String externalUrl,
      Retry retry,
      @DefaultValue("5s") Duration closeTimeout) {}

  /**
   * One notification receiver.
   *
   * @param type {@code log}, {@code slack}, {@code telegram}, {@code webhook}, {@code email} or
   *     {@code alertmanager}
   * @param url the http(s) URL of a slack, webhook or alertmanager receiver
   * @param botToken the bot token of a telegram receiver
   * @param chatId the chat of a telegram receiver
   * @param apiUrl the Telegram Bot API base URL
   * @param smtpHost the SMTP host of an email receiver
   * @param smtpPort the SMTP port
   * @param smtpUsername the SMTP user name
   * @param smtpPassword the SMTP password
   * @param smtpStarttls whether STARTTLS is required
   * @param from the sender of an email receiver
   * @param to the recipients of an email receiver
   * @param timeout the timeout of one attempt
   * @param sendResolved whether resolved notifications are sent
   * @param rateLimit at most count/period notifications; {@code none} for no limit
   * @param queueCapacity queued notifications before the oldest is dropped
   */
  record Receiver(
      @Nullable String type,
      @Nullable String url,
      @Nullable String botToken,
      @Nullable String chatId,
      @DefaultValue("https://api.telegram.org") String apiUrl,
      @Nullable String smtpHost,
      @DefaultValue("25") int smtpPort,
      @Nullable String smtpUsername,
      @Nullable String smtpPassword,
      @DefaultValue("false") boolean smtpStarttls,
      @Nullable String from,
      List<String> to,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("true") boolean sendResolved,
      @DefaultValue("20/1m") String rateLimit,
      @DefaultValue("100") int queueCapacity) {}

  /**
   * One notification route; {@code continue=true} also tries the routes after it.
   *
   * @param match the matchers, such as {@code severity=critical}; all alerts when empty
   * @param receivers the receivers' names
   * @param groupBy the route's grouping labels; the global ones when not set
   * @param groupWait the route's group wait
   * @param groupInterval the route's group interval
   * @param repeatInterval the route's repeat interval
   */
  record Route(
      List<String> match,
      List<String> receivers,
      List<String> groupBy,
      @Nullable Duration groupWait,
      @Nullable Duration groupInterval,
      @Nullable Duration repeatInterval) {}

  /**
   * Where silences are kept.
   *
   * @param file the JSON file of silences; in memory when not set
   * @param maxDuration the longest a silence may last; longer ones are refused
   */
  record Silences(@Nullable String file, @DefaultValue("30d") Duration maxDuration) {}

  /**
   * The daily digest.
   *
   * @param receiver the receiver of the digest; no digest when not set
   * @param time the digest's local time
   * @param zone the digest's time zone
   */
  record Digest(
      @Nullable String receiver,
      @DefaultValue("09:00") String time,
      @DefaultValue("UTC") String zone) {}

  /**
   * Retries of a failed delivery.
   *
   * @param maxAttempts attempts in all for one notification
   * @param initialBackoff the wait before the first retry
   * @param maxBackoff the longest wait between retries
   */
  record Retry(
      @DefaultValue("6") int maxAttempts,
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("1m") Duration maxBackoff) {}

  /**
   * Backup plans, run on schedules while the application runs.
   *
   * @param enabled whether plans are built and scheduled
   * @param plan each plan by name
   * @param plans the plans' names
   * @param store the local store shared by the plans
   * @param staleAfter the backup health check is DOWN when a plan's last success is older
   * @param notifySuccess whether a {@code BackupSucceeded} alert is also sent after each backup
   * @param source each source by name
   */
  record Backup(
      @DefaultValue("true") boolean enabled,
      List<String> plans,
      Store store,
      @DefaultValue("26h") Duration staleAfter,
      @DefaultValue("false") boolean notifySuccess,
      Map<String, Plan> plan,
      Map<String, Source> source) {}

  /**
   * A local backup store.
   *
   * @param path the store directory
   */
  record Store(@Nullable String path) {}

  /**
   * One backup plan.
   *
   * @param sources the plan's source names, in backup order
   * @param store a store for this plan only
   * @param schedule a five-field cron expression
   * @param zone the time zone of the schedules and of retention's days
   * @param retention how many backups are kept
   * @param attempts tries per run before it fails
   * @param backoff the wait after the first failed attempt, doubled after each further one
   * @param encryption the AES-256 key
   * @param drill scheduled restore drills
   */
  record Plan(
      List<String> sources,
      Store store,
      @DefaultValue("0 2 * * *") String schedule,
      @DefaultValue("UTC") String zone,
      Retention retention,
      @DefaultValue("3") int attempts,
      @DefaultValue("1m") Duration backoff,
      Encryption encryption,
      Drill drill) {}

  /**
   * How many backups a plan keeps.
   *
   * @param daily the newest backup of each of this many days
   * @param weekly the newest of each of this many weeks
   * @param monthly the newest of each of this many months
   */
  record Retention(
      @DefaultValue("7") int daily,
      @DefaultValue("4") int weekly,
      @DefaultValue("12") int monthly) {}

  /**
   * The AES-256 key of a plan; set one of the two.
   *
   * @param keyEnv the environment variable holding the key
   * @param keyFile the file holding the key
   */
  record Encryption(@Nullable String keyEnv, @Nullable String keyFile) {}

  /**
   * Scheduled restore drills.
   *
   * @param schedule the cron schedule of drills; none when not set
   */
  record Drill(@Nullable String schedule) {}

  /**
   * One backup source.
   *
   * @param kind {@code postgresql}, {@code directory}, {@code h2} or {@code http}
   * @param database the PostgreSQL database
   * @param host the PostgreSQL host
   * @param port the PostgreSQL port
   * @param user the database user
   * @param passwordEnv the environment variable holding the password
   * @param passfile a pgpass file
   * @param pgDump the pg_dump executable
   * @param pgRestore the pg_restore executable
   * @param path the directory of a directory source
   * @param url the JDBC URL of an H2 source, or the snapshot URL of an HTTP source
   * @param downloadUrl the download URL of an HTTP source, with {@code {name}}
   * @param namePointer the JSON pointer to the snapshot name in the HTTP answer
   * @param restoreUrl the restore URL of an HTTP source
   * @param deleteAfterDownload whether an HTTP source deletes the snapshot after downloading it
   */
  record Source(
      @Nullable String kind,
      @Nullable String database,
      @Nullable String host,
      @Nullable Integer port,
      @Nullable String user,
      @Nullable String passwordEnv,
      @Nullable String passfile,
      @Nullable String pgDump,
      @Nullable String pgRestore,
      @Nullable String path,
      @Nullable String url,
      @Nullable String downloadUrl,
      @Nullable String namePointer,
      @Nullable String restoreUrl,
      @DefaultValue("false") boolean deleteAfterDownload) {}

  /**
   * The metrics history behind the status page.
   *
   * @param enabled whether a history is kept and the status page served
   * @param jdbc a database for the history; memory when not set
   * @param schema the schema of the {@code obs_*} tables; the connection's when not set
   * @param retention how long rows and resolved incidents are kept; at least 1d
   * @param memory the memory store
   */
  record History(
      @DefaultValue("true") boolean enabled,
      Jdbc jdbc,
      @Nullable String schema,
      @DefaultValue("90d") Duration retention,
      Memory memory) {}

  /**
   * A JDBC database.
   *
   * @param url the JDBC URL; its driver must be on the class path
   * @param user the user
   * @param password the password
   */
  record Jdbc(@Nullable String url, @Nullable String user, @Nullable String password) {}

  /**
   * The memory history store.
   *
   * @param maxRouteRows the cap on route rows; the oldest go first
   */
  record Memory(@DefaultValue("200000") int maxRouteRows) {}

  /**
   * The public status page.
   *
   * @param title a name shown before "Service status" in the heading
   */
  record Status(@Nullable String title) {}

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
