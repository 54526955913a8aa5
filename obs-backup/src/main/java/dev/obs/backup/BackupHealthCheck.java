package dev.obs.backup;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DOWN when a plan's last successful backup is older than the threshold. A plan that has not
 * succeeded yet is measured from when backups started in this process.
 */
final class BackupHealthCheck implements HealthCheck {
  private final List<String> plans;
  private final BackupMeters meters;
  private final Clock clock;
  private final Duration staleAfter;
  private final Instant startedAt;

  BackupHealthCheck(List<String> plans, BackupMeters meters, Clock clock, Duration staleAfter) {
    this.plans = List.copyOf(plans);
    this.meters = meters;
    this.clock = clock;
    this.staleAfter = staleAfter;
    this.startedAt = clock.instant();
  }

  @Override
  public HealthResult check() {
    Instant now = clock.instant();
    List<String> stale = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    for (String plan : plans) {
      Instant last = meters.lastSuccess(plan);
      details.put(plan, last == null ? "never" : last.toString());
      Instant since = last == null ? startedAt : last;
      Duration age = Duration.between(since, now);
      if (age.compareTo(staleAfter) > 0) {
        stale.add(
            last == null
                ? "plan " + plan + " has not completed a backup in " + human(age)
                : "plan " + plan + " last completed a backup " + human(age) + " ago");
      }
    }
    details.put("stale_after", human(staleAfter));
    HealthResult result =
        stale.isEmpty()
            ? HealthResult.up()
            : HealthResult.down(
                String.join("; ", stale) + " (threshold " + human(staleAfter) + ")");
    return result.withDetails(details);
  }

  private static String human(Duration d) {
    long minutes = d.toMinutes();
    if (minutes >= 60 && minutes % 60 == 0) {
      return minutes / 60 + "h";
    }
    if (minutes >= 60) {
      return minutes / 60 + "h" + minutes % 60 + "m";
    }
    return minutes + "m";
  }
}
