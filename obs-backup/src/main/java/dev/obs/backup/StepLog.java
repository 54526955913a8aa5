package dev.obs.backup;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per step of a run, with the plan, backup id and step as key-value pairs, which the
 * JSON log layout writes as fields.
 */
final class StepLog {
  private static final Logger log = LoggerFactory.getLogger("dev.obs.backup");

  private StepLog() {}

  static void info(String plan, Object backupId, String step, Map<String, ?> fields) {
    write(Level.INFO, plan, backupId, step, fields, null);
  }

  static void warn(
      String plan, Object backupId, String step, Map<String, ?> fields, Throwable error) {
    write(Level.WARN, plan, backupId, step, fields, error);
  }

  private static void write(
      Level level,
      String plan,
      Object backupId,
      String step,
      Map<String, ?> fields,
      @Nullable Throwable error) {
    LoggingEventBuilder e =
        log.atLevel(level)
            .addKeyValue("backup_plan", plan)
            .addKeyValue("backup_id", String.valueOf(backupId))
            .addKeyValue("backup_step", step);
    fields.forEach(e::addKeyValue);
    if (error != null) {
      e = e.setCause(error);
    }
    e.log("obs backup: plan {} {} {}", plan, step, fields);
  }
}
