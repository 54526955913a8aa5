package dev.obs.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** The Logback side of {@link JsonLogging}: loaded only once Logback is known to be present. */
final class LogbackInstall implements JsonLogging.Installed {
  static final String APPENDER_NAME = "OBS_JSON";
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);

  private final Logger root;
  private final List<Appender<ILoggingEvent>> previous;
  private final Appender<ILoggingEvent> output;
  private final Appender<ILoggingEvent> attached;
  private final @Nullable DroppingAsyncAppender async;

  private LogbackInstall(
      Logger root,
      List<Appender<ILoggingEvent>> previous,
      Appender<ILoggingEvent> output,
      @Nullable DroppingAsyncAppender async) {
    this.root = root;
    this.previous = previous;
    this.output = output;
    this.async = async;
    this.attached = async != null ? async : output;
  }

  static LogbackInstall install(LoggingOptions options, @Nullable OutputStream out) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ObsJsonEncoder encoder = new ObsJsonEncoder(options);
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> output;
    if (out == null) {
      output = new ConsoleAppender<>();
      output.setContext(context);
      output.setEncoder(encoder);
    } else {
      output = new OutputStreamAppender<>();
      output.setContext(context);
      output.setEncoder(encoder);
      output.setOutputStream(out);
    }
    output.setName(APPENDER_NAME);
    output.start();
    DroppingAsyncAppender async = null;
    if (options.async()) {
      async = new DroppingAsyncAppender(output, options.asyncQueueSize(), FLUSH_TIMEOUT);
      async.setContext(context);
      async.setName(APPENDER_NAME + "_ASYNC");
      async.start();
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> previous = new ArrayList<>();
    synchronized (LogbackInstall.class) {
      for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
        previous.add(it.next());
      }
      LogbackInstall installed = new LogbackInstall(root, previous, output, async);
      root.addAppender(installed.attached);
      previous.forEach(root::detachAppender);
      return installed;
    }
  }

  @Override
  public long dropped() {
    return async != null ? async.dropped() : 0;
  }

  @Override
  public void close() {
    synchronized (LogbackInstall.class) {
      for (Appender<ILoggingEvent> appender : previous) {
        root.addAppender(appender);
      }
      root.detachAppender(attached);
    }
    attached.stop();
    output.stop();
  }
}
