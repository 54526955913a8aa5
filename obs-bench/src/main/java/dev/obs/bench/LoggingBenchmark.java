package dev.obs.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.obs.logging.LoggingOptions;
import dev.obs.logging.ObsJsonEncoder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one log event of a request (MDC with request, trace and user ids, a formatted message)
 * with obs's encoder and its full configuration (context fields and masking) against the bare
 * {@link LogstashEncoder}, in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LoggingBenchmark {
  /** {@code plain}: nothing to mask, the common line; {@code secret}: a password in the text. */
  @Param({"plain", "secret"})
  String message;

  private LoggerContext context;
  private LogstashEncoder bare;
  private ObsJsonEncoder obs;
  private LoggingEvent event;

  @Setup
  public void setup() {
    context = new LoggerContext();
    bare = new LogstashEncoder();
    bare.setContext(context);
    bare.start();
    obs =
        new ObsJsonEncoder(
            LoggingOptions.builder()
                .service("checkout")
                .version("1.4.2")
                .environment("prod")
                .build());
    obs.setContext(context);
    obs.start();
    Logger logger = context.getLogger("app.Checkout");
    String text =
        message.equals("secret")
            ? "login failed for {} with password=hunter2 from {}"
            : "order {} loaded for {} in 12 ms";
    event =
        new LoggingEvent(
            Logger.class.getName(), logger, Level.INFO, text, null, new Object[] {42, "alice"});
    event.setMDCPropertyMap(
        Map.of(
            "request_id", "9f2c6b1e0a7d4c55a1b2c3d4e5f60718",
            "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736",
            "span_id", "00f067aa0ba902b7",
            "user_id", "u-17"));
    event.prepareForDeferredProcessing();
  }

  @TearDown
  public void tearDown() {
    bare.stop();
    obs.stop();
    context.stop();
  }

  @Benchmark
  public byte[] bareLogstashEncoder() {
    return bare.encode(event);
  }

  @Benchmark
  public byte[] obsEncoder() {
    return obs.encode(event);
  }
}
