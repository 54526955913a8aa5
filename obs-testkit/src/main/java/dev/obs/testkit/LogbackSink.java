package dev.obs.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.logging.LoggingOptions;
import dev.obs.logging.ObsJsonEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** The Logback appender behind {@link LogCapture}; loaded only once Logback is known present. */
final class LogbackSink extends AppenderBase<ILoggingEvent> implements LogCapture.Sink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final ObsJsonEncoder encoder;
  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogbackSink(Logger logger, ObsJsonEncoder encoder) {
    this.logger = logger;
    this.encoder = encoder;
  }

  static LogbackSink attach(String loggerName, LoggingOptions options) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ObsJsonEncoder encoder = new ObsJsonEncoder(options);
    encoder.setContext(context);
    encoder.start();
    LogbackSink sink = new LogbackSink(context.getLogger(loggerName), encoder);
    sink.setContext(context);
    sink.setName("OBS_LOG_CAPTURE");
    sink.start();
    sink.logger.addAppender(sink);
    return sink;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    lines.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
  }

  @Override
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public List<Map<String, Object>> parse(List<String> jsonLines) {
    List<Map<String, Object>> events = new ArrayList<>(jsonLines.size());
    for (String line : jsonLines) {
      try {
        events.add(JSON.readValue(line, MAP));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("captured log line is not one JSON object: " + line, e);
      }
    }
    return events;
  }

  @Override
  public void clear() {
    lines.clear();
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
