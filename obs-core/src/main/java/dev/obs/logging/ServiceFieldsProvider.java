package dev.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * Writes {@code service}, {@code version} and {@code environment} straight to the generator. The
 * encoder's generic custom fields go through an {@code ObjectMapper} tree on every event, which
 * costs more than the rest of a typical line.
 */
final class ServiceFieldsProvider extends AbstractJsonProvider<ILoggingEvent> {
  private final String service;
  private final String version;
  private final String environment;

  ServiceFieldsProvider(LoggingOptions options) {
    this.service = options.service();
    this.version = options.version();
    this.environment = options.environment();
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    write(generator, LogFields.SERVICE, service);
    write(generator, LogFields.VERSION, version);
    write(generator, LogFields.ENVIRONMENT, environment);
  }

  private static void write(JsonGenerator generator, String name, String value) throws IOException {
    if (!value.isEmpty()) {
      generator.writeStringField(name, value);
    }
  }
}
