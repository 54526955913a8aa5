package dev.obs.logging;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashCommonFieldNames;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import org.jspecify.annotations.Nullable;

/**
 * The Logback encoder of obs's JSON lines: a {@link LogstashEncoder} with obs's field names, the
 * {@code service}, {@code version} and {@code environment} fields, secrets masked, and stack traces
 * shortened with the root cause first. One JSON object per line; control characters in any value
 * are escaped, so a message cannot forge a second line.
 *
 * <p>The include file {@code obs/logback-json.xml} declares it; the programmatic {@link
 * JsonLogging#install(LoggingOptions)} and the testkit's {@code LogCapture} use it too, so tests
 * see exactly what production writes. Without options it reads the {@code obs.logging.*} keys from
 * the environment when started; the XML setters override single keys:
 *
 * <pre>{@code
 * <encoder class="dev.obs.logging.ObsJsonEncoder">
 *   <service>billing</service>
 *   <maskPattern>card=(\d+)</maskPattern>
 * </encoder>
 * }</pre>
 */
public final class ObsJsonEncoder extends LogstashEncoder {
  private @Nullable LoggingOptions options;
  private @Nullable String service;
  private @Nullable String serviceVersion;
  private @Nullable String environment;
  private @Nullable String maskFields;
  private final List<Pattern> maskPatterns = new ArrayList<>();
  private int stackDepth;

  /**
   * Creates an encoder that reads {@code obs.logging.*} from the environment when started, as
   * declared in {@code logback.xml}.
   */
  public ObsJsonEncoder() {}

  /**
   * Creates an encoder with the given options; the XML setters still override them.
   *
   * @param options the logging options
   */
  public ObsJsonEncoder(LoggingOptions options) {
    this.options = options;
  }

  /**
   * Sets the {@code service} field, overriding {@code obs.logging.service}.
   *
   * @param service the service name
   */
  public void setService(String service) {
    this.service = service;
  }

  /**
   * Sets the {@code version} field, overriding {@code obs.logging.version}. (The inherited {@code
   * setVersion} sets Logstash's {@code @version}, which obs leaves out.)
   *
   * @param version the service version
   */
  public void setServiceVersion(String version) {
    this.serviceVersion = version;
  }

  /**
   * Sets the {@code environment} field, overriding {@code obs.logging.environment}.
   *
   * @param environment the environment, such as {@code prod}
   */
  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  /**
   * Replaces the masked field names, overriding {@code obs.logging.mask.fields}.
   *
   * @param names comma-separated field names
   */
  public void setMaskFields(String names) {
    this.maskFields = names;
  }

  /**
   * Adds a value pattern to mask, besides those of {@code obs.logging.mask.patterns}; repeat the
   * element for several.
   *
   * @param regex a Java regular expression; with a group, only the first group is masked
   */
  public void addMaskPattern(String regex) {
    try {
      maskPatterns.add(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      addError("maskPattern '" + regex + "' is not a Java regular expression: " + e.getMessage());
    }
  }

  /**
   * Sets the frames kept per exception, overriding {@code obs.logging.stack-depth}.
   *
   * @param depth the depth, at least 1
   */
  public void setStackDepth(int depth) {
    if (depth < 1) {
      addError("stackDepth must be at least 1, got " + depth);
      return;
    }
    this.stackDepth = depth;
  }

  /** Applies the options and starts the encoder. */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    apply(effectiveOptions());
    super.start();
  }

  private LoggingOptions effectiveOptions() {
    LoggingOptions base = options;
    if (base == null) {
      try {
        base = LoggingOptions.fromConfig(ObsConfig.fromEnvironment());
      } catch (ObsConfigException e) {
        addError(e.getMessage() + "; using the defaults of obs.logging.*");
        base = LoggingOptions.defaults();
      }
    }
    LoggingOptions.Builder b = base.toBuilder();
    if (service != null) {
      b.service(service);
    }
    if (serviceVersion != null) {
      b.version(serviceVersion);
    }
    if (environment != null) {
      b.environment(environment);
    }
    if (maskFields != null) {
      List<String> fields = new ArrayList<>();
      for (String name : maskFields.split(",")) {
        if (!name.isBlank()) {
          fields.add(name.trim());
        }
      }
      b.maskFields(fields);
    }
    if (!maskPatterns.isEmpty()) {
      List<Pattern> all = new ArrayList<>(base.maskPatterns());
      all.addAll(maskPatterns);
      b.maskPatterns(all);
    }
    if (stackDepth > 0) {
      b.stackDepth(stackDepth);
    }
    return b.build();
  }

  private void apply(LoggingOptions o) {
    LogstashFieldNames names = new LogstashFieldNames();
    names.setLogger(LogFields.LOGGER);
    names.setThread(LogFields.THREAD);
    names.setVersion(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
    names.setLevelValue(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
    setFieldNames(names);
    setTimeZone("UTC");
    setIncludeContext(false);
    setLineSeparator("UNIX");
    ServiceFieldsProvider serviceFields = new ServiceFieldsProvider(o);
    serviceFields.setContext(getContext());
    addProvider(serviceFields);

    ShortenedThrowableConverter stack = new ShortenedThrowableConverter();
    stack.setContext(getContext());
    stack.setRootCauseFirst(true);
    stack.setMaxDepthPerThrowable(o.stackDepth());
    setThrowableConverter(stack);

    setJsonGeneratorDecorator(
        SecretMaskingGenerator.decorator(
            new SecretFieldMasker(o.maskFields()),
            new SecretValueMasker(o.maskFields(), o.maskPatterns())));
  }
}
