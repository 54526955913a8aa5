package dev.obs.testkit;

import dev.obs.logging.JsonLogging;
import dev.obs.logging.LoggingOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Captures the log events of a logger, or of all loggers, as the JSON lines obs writes in
 * production: each event is formatted on the logging thread by the same encoder with the same
 * options (field names, context, masking), then kept for assertions. Close it to detach.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.root()) {
 *   client.send(request);
 *   assertThat(logs).hasEventWith("request_id", id).withLevel("ERROR");
 *   assertThat(logs).doesNotContain("hunter2");
 * }
 * }</pre>
 *
 * <p>It needs Logback as the SLF4J backend and logstash-logback-encoder on the test classpath;
 * obs-servlet brings both. Events below the logger's level are not logged, so not captured.
 */
public final class LogCapture implements AutoCloseable {
  /** The Logback side; keeps Logback types out of this class. */
  interface Sink {
    List<String> lines();

    List<Map<String, Object>> parse(List<String> lines);

    void clear();

    void close();
  }

  private final Sink sink;
  private final String target;

  private LogCapture(Sink sink, String target) {
    this.sink = sink;
    this.target = target;
  }

  /**
   * Captures every logger (the root logger's events), with the default options.
   *
   * @return the capture, attached
   * @throws IllegalStateException if Logback or logstash-logback-encoder is missing
   */
  public static LogCapture root() {
    return root(LoggingOptions.defaults());
  }

  /**
   * Captures every logger (the root logger's events), formatted with the given options.
   *
   * @param options the options production uses, such as {@code
   *     LoggingOptions.fromConfig(obs.config())}
   * @return the capture, attached
   * @throws IllegalStateException if Logback or logstash-logback-encoder is missing
   */
  public static LogCapture root(LoggingOptions options) {
    return logger(org.slf4j.Logger.ROOT_LOGGER_NAME, options);
  }

  /**
   * Captures one logger and its children, with the default options.
   *
   * @param type the class whose logger to capture
   * @return the capture, attached
   * @throws IllegalStateException if Logback or logstash-logback-encoder is missing
   */
  public static LogCapture logger(Class<?> type) {
    return logger(type.getName(), LoggingOptions.defaults());
  }

  /**
   * Captures one logger and its children, with the default options.
   *
   * @param name the logger name, such as {@code obs.access}
   * @return the capture, attached
   * @throws IllegalStateException if Logback or logstash-logback-encoder is missing
   */
  public static LogCapture logger(String name) {
    return logger(name, LoggingOptions.defaults());
  }

  /**
   * Captures one logger and its children, formatted with the given options.
   *
   * @param name the logger name
   * @param options the logging options
   * @return the capture, attached
   * @throws IllegalStateException if Logback or logstash-logback-encoder is missing
   */
  public static LogCapture logger(String name, LoggingOptions options) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(options, "options");
    if (!JsonLogging.isAvailable()) {
      throw new IllegalStateException(
          "LogCapture needs Logback as the SLF4J backend and logstash-logback-encoder on the test"
              + " classpath; add ch.qos.logback:logback-classic and"
              + " net.logstash.logback:logstash-logback-encoder (obs-servlet brings both)");
    }
    String target =
        name.equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? "all loggers" : "logger '" + name + "'";
    return new LogCapture(LogbackSink.attach(name, options), target);
  }

  /**
   * Returns what is captured, for messages: {@code all loggers} or {@code logger 'name'}.
   *
   * @return the description
   */
  public String target() {
    return target;
  }

  /**
   * Returns the captured JSON lines, oldest first, without their line separators.
   *
   * @return a snapshot of the lines
   */
  public List<String> lines() {
    return sink.lines();
  }

  /**
   * Returns the captured events parsed from their JSON lines, oldest first; numbers, booleans,
   * objects and arrays keep their JSON types.
   *
   * @return a snapshot of the events, field names mapped to values in line order
   */
  public List<Map<String, Object>> events() {
    return sink.parse(sink.lines());
  }

  List<Map<String, Object>> parse(List<String> lines) {
    return sink.parse(lines);
  }

  /** Forgets the events captured so far. */
  public void clear() {
    sink.clear();
  }

  /** Detaches from the logger; the captured events stay readable. */
  @Override
  public void close() {
    sink.close();
  }
}
