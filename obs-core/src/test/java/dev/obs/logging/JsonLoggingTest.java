package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLoggingTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @Test
  void logbackIsAvailableInTheseTests() {
    assertThat(JsonLogging.isAvailable()).isTrue();
  }

  @Test
  void installWritesJsonLinesAndCloseRestoresThePreviousAppenders() {
    List<Appender<ILoggingEvent>> before = rootAppenders();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (JsonLogging logging =
        JsonLogging.install(LoggingOptions.builder().service("svc").build(), null, out)) {
      assertThat(rootAppenders()).extracting(Appender::getName).containsExactly("OBS_JSON");
      LoggerFactory.getLogger("install.test").info("installed");
      assertThat(logging.droppedEvents()).isZero();
    }

    assertThat(rootAppenders()).containsExactlyElementsOf(before);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1);
    assertThat(Captured.parse(lines[0]))
        .containsEntry("message", "installed")
        .containsEntry("logger", "install.test")
        .containsEntry("service", "svc");
  }

  @Test
  void asyncQueueDropsInsteadOfBlockingAndCountsTheDrops() throws Exception {
    BlockingStream out = new BlockingStream();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LoggingOptions options = LoggingOptions.builder().async(true).asyncQueueSize(2).build();
    org.slf4j.Logger log = LoggerFactory.getLogger("async.test");

    try (JsonLogging logging = JsonLogging.install(options, registry, out)) {
      log.info("taken by the worker, which then blocks writing it");
      assertThat(out.entered.await(10, TimeUnit.SECONDS))
          .as("the async worker started writing the first event")
          .isTrue();
      for (int i = 0; i < 10; i++) {
        log.info("event {}", i); // 2 fit in the queue, 8 are dropped; none waits
      }

      assertThat(logging.droppedEvents()).isEqualTo(8);
      assertThat(registry.get("obs.logging.dropped").functionCounter().count()).isEqualTo(8);
      out.release.countDown();
    }

    assertThat(registry.find("obs.logging.dropped").meters()).isEmpty();
    assertThat(out.text().split("\n"))
        .extracting(line -> Captured.parse(line).get("message"))
        .containsExactly("taken by the worker, which then blocks writing it", "event 0", "event 1");
  }

  @Test
  void theIncludeFileConfiguresTheObsJsonAppender() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter()); // a context of its own, as logback.xml makes one
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setProperty("obs.logging.service", "from-property");
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      configurator.doConfigure(getClass().getResource("logback-with-obs.xml"));
      context.getLogger("include.test").warn("line one\nline two password=hunter2");
    } finally {
      System.setOut(stdout);
      System.clearProperty("obs.logging.service");
      context.stop();
    }

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).as("%s", context.getStatusManager().getCopyOfStatusList()).isNotEmpty();
    assertThat(text.split("\n")).hasSize(1);
    assertThat(Captured.parse(text))
        .containsEntry("level", "WARN")
        .containsEntry("logger", "include.test")
        .containsEntry("message", "line one\nline two password=****")
        .containsEntry("service", "from-property");
  }

  private List<Appender<ILoggingEvent>> rootAppenders() {
    List<Appender<ILoggingEvent>> out = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(out::add);
    return out;
  }

  /** Blocks the first write until released, so the async worker is stuck on it. */
  private static final class BlockingStream extends OutputStream {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      entered.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          throw new IOException("test never released the stream");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      synchronized (bytes) {
        bytes.write(b, off, len);
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
