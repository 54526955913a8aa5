package dev.obs.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The encoded lines of one test logger, written through {@link ObsJsonEncoder}, for the tests of
 * every package.
 */
public final class Captured extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final ObsJsonEncoder encoder;
  private final Logger logger;
  public final List<String> output = new CopyOnWriteArrayList<>();

  private Captured(String loggerName, LoggingOptions options) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    encoder = new ObsJsonEncoder(options);
    encoder.setContext(context);
    encoder.start();
    setContext(context);
    start();
    logger = context.getLogger(loggerName);
    logger.setAdditive(false);
    logger.addAppender(this);
  }

  public static Captured logger(String name, LoggingOptions options) {
    return new Captured(name, options);
  }

  @Override
  protected void append(ILoggingEvent event) {
    output.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
  }

  org.slf4j.Logger slf4j() {
    return logger;
  }

  /** Returns the single line written so far, without its line separator. */
  public String single() {
    if (output.size() != 1) {
      throw new AssertionError(
          "expected one event, got "
              + output
              + "; Logback status: "
              + getContext().getStatusManager().getCopyOfStatusList());
    }
    return output.get(0);
  }

  public static Map<String, Object> parse(String line) {
    try {
      return JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    logger.setAdditive(true);
    stop();
  }
}
