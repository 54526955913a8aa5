package dev.obs.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.obs.logging.LogFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender on the root logger that keeps the last lines in a ring buffer. It stands in
 * for sentry-logback, whose appender sends through the SDK's static hub that obs does not use.
 */
final class LogbackRecentLogs extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements RecentLogs {
  private static final int CAPACITY = 1024;

  private final @Nullable String[] requestIds = new String[CAPACITY];
  private final @Nullable String[] threads = new String[CAPACITY];
  private final @Nullable Line[] lines = new Line[CAPACITY];
  private long next;
  private final Logger root;

  private LogbackRecentLogs(Logger root) {
    this.root = root;
  }

  /**
   * Attaches to the root logger; returns {@link RecentLogs#NONE} when Logback is not the backend.
   */
  static RecentLogs attach() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return NONE;
    }
    LogbackRecentLogs appender = new LogbackRecentLogs(context.getLogger(Logger.ROOT_LOGGER_NAME));
    appender.setContext(context);
    appender.setName("obs-errors-breadcrumbs");
    appender.start();
    appender.root.addAppender(appender);
    return appender;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.INFO)
        || event.getLoggerName().startsWith(ErrorReporter.LOGGER_NAME)) {
      return;
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    Line line =
        new Line(
            event.getTimeStamp(),
            event.getLevel().toString(),
            event.getLoggerName(),
            event.getFormattedMessage());
    synchronized (this) {
      int i = (int) (next++ % CAPACITY);
      requestIds[i] = mdc == null ? null : mdc.get(LogFields.REQUEST_ID);
      threads[i] = event.getThreadName();
      lines[i] = line;
    }
  }

  @Override
  public synchronized List<Line> of(@Nullable String requestId, String thread, int max) {
    List<Line> out = new ArrayList<>();
    for (long n = next - 1; n >= 0 && n >= next - CAPACITY && out.size() < max; n--) {
      int i = (int) (n % CAPACITY);
      boolean same =
          requestId != null ? requestId.equals(requestIds[i]) : thread.equals(threads[i]);
      Line line = lines[i];
      if (same && line != null) {
        out.add(line);
      }
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
