package dev.obs.servlet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line to the {@code obs.audit} logger for every admin write, with the action, the
 * target id, the principal, the client address and the result as key-value pairs (fields of the
 * JSON line), and counts {@code obs.admin.requests{action,result}}.
 */
final class AdminAudit {
  static final String LOGGER = "obs.audit";
  static final String METER = "obs.admin.requests";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final @Nullable MeterRegistry registry;

  AdminAudit(@Nullable MeterRegistry registry) {
    this.registry = registry;
  }

  void record(
      String action,
      @Nullable String target,
      @Nullable AdminPrincipal principal,
      @Nullable String client,
      String result) {
    String who = principal == null ? "anonymous" : principal.toString();
    String id = target == null ? "-" : clean(target);
    log.atInfo()
        .addKeyValue("action", action)
        .addKeyValue("target", id)
        .addKeyValue("principal", who)
        .addKeyValue("client", client)
        .addKeyValue("result", result)
        .log(
            "obs audit: action={} target={} principal={} client={} result={}",
            action,
            id,
            who,
            client,
            result);
    if (registry != null) {
      // Actions are the servlets' constants, so the tag's values stay few.
      Counter.builder(METER)
          .description("Admin writes by action and result")
          .tag("action", action)
          .tag("result", result)
          .register(registry)
          .increment();
    }
  }

  /** Keeps a caller-chosen id from forging log lines or flooding them. */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 128));
    for (int i = 0; i < text.length() && out.length() < 128; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
