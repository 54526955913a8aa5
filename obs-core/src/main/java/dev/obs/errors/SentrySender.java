package dev.obs.errors;

import dev.obs.config.ObsConfig;
import dev.obs.http.HttpRequestView;
import dev.obs.logging.LogFields;
import io.micrometer.core.instrument.Counter;
import io.sentry.Breadcrumb;
import io.sentry.DataCategory;
import io.sentry.Hint;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends reports with a {@link SentryClient} of its own, built from {@link SentryOptions} without
 * {@code Sentry.init}: no static hub, no uncaught-exception handler, no shutdown hook, so several
 * Obs can run side by side. The SDK's async transport sends from its own thread through a bounded
 * queue; what it drops is counted.
 */
final class SentrySender implements EventSink {
  private final SentryClient client;
  private final SentrySettings settings;
  private final Scrubber scrubber;
  private final RecentLogs recentLogs;
  private final int maxBreadcrumbs;

  private SentrySender(
      SentryClient client,
      SentrySettings settings,
      Scrubber scrubber,
      RecentLogs recentLogs,
      int maxBreadcrumbs) {
    this.client = client;
    this.settings = settings;
    this.scrubber = scrubber;
    this.recentLogs = recentLogs;
    this.maxBreadcrumbs = maxBreadcrumbs;
  }

  /** Returns the sink; typed as the interface so that loading the caller never loads the SDK. */
  static EventSink create(
      SentrySettings settings,
      Scrubber scrubber,
      RecentLogs recentLogs,
      int maxBreadcrumbs,
      Counter dropped) {
    SentryOptions options = new SentryOptions();
    options.setDsn(settings.dsn());
    options.setEnvironment(settings.environment());
    options.setRelease(settings.release());
    options.setSampleRate(settings.sampleRate());
    options.setServerName(settings.serverName());
    options.setAttachServerName(false);
    options.setSendDefaultPii(settings.sendDefaultPii());
    options.setMaxQueueSize(settings.maxQueueSize());
    long half = Math.max(1, settings.shutdownTimeout().toMillis() / 2);
    options.setShutdownTimeoutMillis(half);
    options.setFlushTimeoutMillis(half);
    options.setEnableUncaughtExceptionHandler(false);
    options.setEnableShutdownHook(false);
    options.setEnableExternalConfiguration(false);
    options.setOnDiscard(
        (reason, category, count) -> {
          if (category == DataCategory.Error) {
            dropped.increment(count);
          }
        });
    options.setBeforeSend((event, hint) -> scrub(event, scrubber));
    SentryClient client;
    try {
      client = new SentryClient(options);
    } catch (IllegalArgumentException e) {
      throw ObsConfig.invalid(
          "obs.sentry.dsn",
          String.valueOf(settings.dsn()),
          "must be a Sentry DSN like https://public-key@o1.ingest.sentry.io/42");
    }
    return new SentrySender(client, settings, scrubber, recentLogs, maxBreadcrumbs);
  }

  @Override
  public void send(Report report) {
    SentryEvent event = new SentryEvent(report.error());
    event.setEventId(new SentryId(report.errorId()));
    event.setLevel(SentryLevel.ERROR);
    event.setServerName(settings.serverName());
    HttpRequestView view = report.request();
    event.setTransaction(view.method() + " " + view.path());
    event.setRequest(request(view));
    Map<String, String> context = report.context();
    for (String key : List.of(LogFields.ORG_ID, LogFields.REQUEST_ID, LogFields.TRACE_ID)) {
      String value = context.get(key);
      if (value != null) {
        event.setTag(key, value);
      }
    }
    event.setTag("http.status_code", Integer.toString(report.status()));
    event.setUser(user(view, context.get(LogFields.USER_ID)));
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (RecentLogs.Line line :
        recentLogs.of(context.get(LogFields.REQUEST_ID), report.thread(), maxBreadcrumbs)) {
      Breadcrumb crumb = new Breadcrumb(new Date(line.epochMillis()));
      crumb.setType("default");
      crumb.setCategory(line.logger());
      crumb.setLevel(level(line.level()));
      crumb.setMessage(line.message());
      crumbs.add(crumb);
    }
    if (!crumbs.isEmpty()) {
      event.setBreadcrumbs(crumbs);
    }
    client.captureEvent(event, null, new Hint());
  }

  private Request request(HttpRequestView view) {
    Request request = new Request();
    request.setMethod(view.method());
    request.setUrl(view.url());
    request.setQueryString(scrubber.scrubQuery(view.query()));
    Map<String, String> headers = new HashMap<>();
    for (String name : view.headerNames()) {
      String value = view.header(name);
      if (value != null && !scrubber.isSensitive(name)) {
        headers.put(name, value);
      }
    }
    request.setHeaders(headers);
    if (view.contentLength() >= 0) {
      request.setBodySize(view.contentLength());
    }
    return request;
  }

  private @org.jspecify.annotations.Nullable User user(
      HttpRequestView view, @org.jspecify.annotations.Nullable String userId) {
    User user = new User();
    boolean any = false;
    if (userId != null) {
      user.setId(userId);
      any = true;
    }
    if (settings.sendDefaultPii()) {
      if (view.userPrincipal() != null) {
        user.setUsername(view.userPrincipal());
        any = true;
      }
      if (view.remoteAddress() != null) {
        user.setIpAddress(view.remoteAddress());
        any = true;
      }
    }
    return any ? user : null;
  }

  private static SentryLevel level(String level) {
    return switch (level) {
      case "ERROR" -> SentryLevel.ERROR;
      case "WARN" -> SentryLevel.WARNING;
      case "DEBUG", "TRACE" -> SentryLevel.DEBUG;
      default -> SentryLevel.INFO;
    };
  }

  /** The beforeSend scrubber: removes sensitive keys wherever the event holds maps or text. */
  static SentryEvent scrub(SentryEvent event, Scrubber scrubber) {
    Request request = event.getRequest();
    if (request != null) {
      scrubber.scrub(request.getHeaders());
      scrubber.scrub(request.getEnvs());
      scrubber.scrub(request.getOthers());
      scrubber.scrubValue(request.getData());
      request.setQueryString(scrubber.scrubQuery(request.getQueryString()));
      if (scrubber.isSensitive("cookie")) {
        request.setCookies(null);
      }
    }
    scrubber.scrub(event.getTags());
    scrubber.scrub(event.getExtras());
    Contexts contexts = event.getContexts();
    for (String key : Collections.list(contexts.keys())) {
      if (scrubber.isSensitive(key)) {
        contexts.remove(key);
      } else {
        scrubber.scrubValue(contexts.get(key));
      }
    }
    User user = event.getUser();
    if (user != null) {
      scrubber.scrub(user.getData());
    }
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (crumbs != null) {
      for (Breadcrumb crumb : crumbs) {
        scrubber.scrub(crumb.getData());
        crumb.setMessage(scrubber.scrubText(crumb.getMessage()));
      }
    }
    List<SentryException> exceptions = event.getExceptions();
    if (exceptions != null) {
      for (SentryException e : exceptions) {
        e.setValue(scrubber.scrubText(e.getValue()));
      }
    }
    if (event.getMessage() != null) {
      event.getMessage().setFormatted(scrubber.scrubText(event.getMessage().getFormatted()));
    }
    return event;
  }

  @Override
  public void close(Duration timeout) {
    recentLogs.close();
    client.close();
  }
}
