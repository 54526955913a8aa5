package dev.obs.logging;

import dev.obs.config.ObsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How obs writes JSON log lines: the service fields, what is masked, how long stack traces get,
 * whether appending is asynchronous, and whether requests get an access-log line.
 *
 * <pre>{@code
 * LoggingOptions options =
 *     LoggingOptions.builder().service("billing").version("1.4.2").environment("prod").build();
 * LoggingOptions fromKeys = LoggingOptions.fromConfig(obs.config()); // obs.logging.*
 * }</pre>
 */
public final class LoggingOptions {
  /** The field names masked by default, matched as described in {@link Builder#maskFields}. */
  public static final List<String> DEFAULT_MASK_FIELDS =
      List.of("password", "token", "secret", "authorization", "cookie", "api_key");

  /** The default number of frames kept per exception in a stack trace: 30. */
  public static final int DEFAULT_STACK_DEPTH = 30;

  /** The default capacity of the async queue: 8192 events. */
  public static final int DEFAULT_QUEUE_SIZE = 8192;

  private static final LoggingOptions DEFAULTS = builder().build();

  private final String service;
  private final String version;
  private final String environment;
  private final List<String> maskFields;
  private final List<Pattern> maskPatterns;
  private final int stackDepth;
  private final boolean async;
  private final int asyncQueueSize;
  private final boolean accessLog;

  private LoggingOptions(Builder b) {
    this.service = b.service;
    this.version = b.version;
    this.environment = b.environment;
    this.maskFields = List.copyOf(b.maskFields);
    this.maskPatterns = List.copyOf(b.maskPatterns);
    this.stackDepth = b.stackDepth;
    this.async = b.async;
    this.asyncQueueSize = b.asyncQueueSize;
    this.accessLog = b.accessLog;
  }

  /**
   * Returns the options with every default.
   *
   * @return the default options
   */
  public static LoggingOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code obs.logging.*} keys; docs/logging.md lists them with their defaults.
   *
   * @param config the configuration
   * @return the options
   * @throws dev.obs.config.ObsConfigException if a key has an invalid value
   */
  public static LoggingOptions fromConfig(ObsConfig config) {
    Builder b = builder();
    b.service(config.string("obs.logging.service", ""));
    b.version(config.string("obs.logging.version", ""));
    b.environment(config.string("obs.logging.environment", ""));
    if (config.get("obs.logging.mask.fields").isPresent()) {
      b.maskFields(config.list("obs.logging.mask.fields"));
    }
    String patterns = config.string("obs.logging.mask.patterns", "");
    List<Pattern> compiled = new ArrayList<>();
    for (String regex : splitPatterns(patterns)) {
      try {
        compiled.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw ObsConfig.invalid(
            "obs.logging.mask.patterns",
            patterns,
            "must be comma-separated Java regular expressions, and '"
                + regex
                + "' is not one ("
                + e.getDescription()
                + ")");
      }
    }
    b.maskPatterns(compiled);
    b.stackDepth(config.positiveInt("obs.logging.stack-depth", DEFAULT_STACK_DEPTH));
    b.async(config.bool("obs.logging.async.enabled", false));
    b.asyncQueueSize(config.positiveInt("obs.logging.async.queue-size", DEFAULT_QUEUE_SIZE));
    b.accessLog(config.bool("obs.logging.access-log", false));
    return b.build();
  }

  // Commas split the list, except inside {} or [] where they belong to the regex ("\d{1,3}").
  static List<String> splitPatterns(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inClass = false;
    int braces = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '{') {
        braces++;
      } else if (c == '}' && braces > 0) {
        braces--;
      } else if (c == ',' && braces == 0) {
        addIfNotBlank(out, current);
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    addIfNotBlank(out, current);
    return out;
  }

  private static void addIfNotBlank(List<String> out, StringBuilder item) {
    String s = item.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }

  /**
   * Returns a builder holding these options, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns the service name written as {@code service}; empty leaves the field out.
   *
   * @return the service name, possibly empty
   */
  public String service() {
    return service;
  }

  /**
   * Returns the service version written as {@code version}; empty leaves the field out.
   *
   * @return the version, possibly empty
   */
  public String version() {
    return version;
  }

  /**
   * Returns the environment written as {@code environment}; empty leaves the field out.
   *
   * @return the environment, possibly empty
   */
  public String environment() {
    return environment;
  }

  /**
   * Returns the field names whose values are masked.
   *
   * @return the names, unmodifiable
   */
  public List<String> maskFields() {
    return maskFields;
  }

  /**
   * Returns the extra value patterns masked in every string value, besides bearer tokens, JWTs and
   * {@code name=value} pairs of the masked field names.
   *
   * @return the patterns, unmodifiable
   */
  public List<Pattern> maskPatterns() {
    return maskPatterns;
  }

  /**
   * Returns how many frames are kept per exception in {@code stack_trace}.
   *
   * @return the depth, at least 1
   */
  public int stackDepth() {
    return stackDepth;
  }

  /**
   * Tells whether events are appended through a bounded queue that drops rather than blocks.
   *
   * @return true for asynchronous appending
   */
  public boolean async() {
    return async;
  }

  /**
   * Returns the capacity of the async queue.
   *
   * @return the queue size, at least 1
   */
  public int asyncQueueSize() {
    return asyncQueueSize;
  }

  /**
   * Tells whether each HTTP request gets an access-log line on the logger {@code obs.access}.
   *
   * @return true when the access log is on
   */
  public boolean accessLog() {
    return accessLog;
  }

  /** Builds {@link LoggingOptions}; every setter has the default documented on it. */
  public static final class Builder {
    private String service = "";
    private String version = "";
    private String environment = "";
    private List<String> maskFields = DEFAULT_MASK_FIELDS;
    private List<Pattern> maskPatterns = List.of();
    private int stackDepth = DEFAULT_STACK_DEPTH;
    private boolean async;
    private int asyncQueueSize = DEFAULT_QUEUE_SIZE;
    private boolean accessLog;

    private Builder() {}

    private Builder(LoggingOptions o) {
      service = o.service;
      version = o.version;
      environment = o.environment;
      maskFields = o.maskFields;
      maskPatterns = o.maskPatterns;
      stackDepth = o.stackDepth;
      async = o.async;
      asyncQueueSize = o.asyncQueueSize;
      accessLog = o.accessLog;
    }

    /**
     * Sets the {@code service} field. The default is empty, which leaves the field out.
     *
     * @param service the service name
     * @return this builder
     */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service").trim();
      return this;
    }

    /**
     * Sets the {@code version} field. The default is empty, which leaves the field out.
     *
     * @param version the service version
     * @return this builder
     */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version").trim();
      return this;
    }

    /**
     * Sets the {@code environment} field. The default is empty, which leaves the field out.
     *
     * @param environment the environment, such as {@code prod}
     * @return this builder
     */
    public Builder environment(String environment) {
      this.environment = Objects.requireNonNull(environment, "environment").trim();
      return this;
    }

    /**
     * Replaces the field names whose values are masked. A field is masked when its name, in lower
     * case and without {@code _}, {@code -} and {@code .}, ends with one of these names so
     * normalised: {@code token} masks {@code access_token} and {@code X-Token}, {@code api_key}
     * masks {@code apiKey}. The same names are masked in text as {@code name=value} or {@code name:
     * value}. The default is {@link #DEFAULT_MASK_FIELDS}.
     *
     * @param names the field names
     * @return this builder
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder maskFields(List<String> names) {
      for (String name : names) {
        if (name.isBlank()) {
          throw new IllegalArgumentException("mask field names must not be blank, got " + names);
        }
      }
      this.maskFields = List.copyOf(names);
      return this;
    }

    /**
     * Replaces the extra value patterns, masked in every string value (messages, MDC, arguments,
     * stack traces). A pattern with a capturing group masks only its first group; otherwise the
     * whole match. Bearer and Basic credentials and JWTs are always masked. The default is none.
     *
     * @param patterns the patterns
     * @return this builder
     */
    public Builder maskPatterns(List<Pattern> patterns) {
      this.maskPatterns = List.copyOf(patterns);
      return this;
    }

    /**
     * Sets how many frames are kept per exception in {@code stack_trace}. The default is {@value
     * LoggingOptions#DEFAULT_STACK_DEPTH}.
     *
     * @param depth the depth
     * @return this builder
     * @throws IllegalArgumentException if the depth is less than 1
     */
    public Builder stackDepth(int depth) {
      if (depth < 1) {
        throw new IllegalArgumentException("stackDepth must be at least 1, got " + depth);
      }
      this.stackDepth = depth;
      return this;
    }

    /**
     * Turns asynchronous appending on or off. When on, the caller only offers the event to a
     * bounded queue; when the queue is full the event is dropped and counted, never waited for. The
     * default is off.
     *
     * @param async true for asynchronous appending
     * @return this builder
     */
    public Builder async(boolean async) {
      this.async = async;
      return this;
    }

    /**
     * Sets the capacity of the async queue. The default is {@value
     * LoggingOptions#DEFAULT_QUEUE_SIZE}.
     *
     * @param size the capacity
     * @return this builder
     * @throws IllegalArgumentException if the size is less than 1
     */
    public Builder asyncQueueSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("asyncQueueSize must be at least 1, got " + size);
      }
      this.asyncQueueSize = size;
      return this;
    }

    /**
     * Turns the access log on or off: one INFO line per request on the logger {@code obs.access}.
     * The default is off.
     *
     * @param accessLog true to log each request
     * @return this builder
     */
    public Builder accessLog(boolean accessLog) {
      this.accessLog = accessLog;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public LoggingOptions build() {
      return new LoggingOptions(this);
    }
  }
}
