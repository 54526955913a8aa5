package dev.obs.backup;

import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.BackupType;
import dev.obs.backup.store.Manifest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Chooses what {@link Retention} keeps; the rules are described there. */
final class RetentionSelector {
  private RetentionSelector() {}

  /** Returns the ids of the completed backups to keep. */
  static Set<UUID> keep(List<Manifest> backups, Retention retention, ZoneId zone) {
    List<Manifest> completed = new ArrayList<>();
    for (Manifest m : backups) {
      if (m.status() == BackupStatus.COMPLETED) {
        completed.add(m);
      }
    }
    completed.sort(Comparator.comparing(Manifest::timestamp).reversed());
    Set<UUID> keep = new HashSet<>();
    if (completed.isEmpty()) {
      return keep;
    }
    keep.add(completed.get(0).backupId());
    keep.addAll(pick(completed, retention.daily(), m -> day(m.timestamp(), zone), true));
    keep.addAll(pick(completed, retention.weekly(), m -> week(m.timestamp(), zone), false));
    keep.addAll(pick(completed, retention.monthly(), m -> month(m.timestamp(), zone), false));
    return keep;
  }

  /**
   * Groups the newest-first backups by period and keeps one per period for the {@code count} most
   * recent periods: the newest of each when {@code newest}, else the first.
   */
  private static List<UUID> pick(
      List<Manifest> newestFirst, int count, Function<Manifest, Object> period, boolean newest) {
    Map<Object, Manifest> chosen = new LinkedHashMap<>();
    for (Manifest m : newestFirst) {
      Object key = period.apply(m);
      if (!chosen.containsKey(key) && chosen.size() == count) {
        break;
      }
      if (newest) {
        chosen.putIfAbsent(key, m);
      } else {
        chosen.put(key, m); // later in the list is older, so the last one seen is the first made
      }
    }
    return chosen.values().stream().map(Manifest::backupId).toList();
  }

  /** Returns the tier a backup made at {@code at} opens, given the plan's completed backups. */
  static BackupType typeFor(Instant at, List<Manifest> backups, ZoneId zone) {
    boolean monthSeen = false;
    boolean weekSeen = false;
    for (Manifest m : backups) {
      if (m.status() != BackupStatus.COMPLETED || !m.timestamp().isBefore(at)) {
        continue;
      }
      monthSeen |= month(m.timestamp(), zone).equals(month(at, zone));
      weekSeen |= week(m.timestamp(), zone).equals(week(at, zone));
    }
    if (!monthSeen) {
      return BackupType.MONTHLY;
    }
    return weekSeen ? BackupType.DAILY : BackupType.WEEKLY;
  }

  /** Failed runs older than a day are removed; recent ones stay for diagnosis. */
  static boolean expiredFailure(Manifest m, Instant now) {
    return m.status() == BackupStatus.FAILED
        && m.timestamp().isBefore(now.minus(1, ChronoUnit.DAYS));
  }

  private static LocalDate day(Instant at, ZoneId zone) {
    return at.atZone(zone).toLocalDate();
  }

  private static String week(Instant at, ZoneId zone) {
    LocalDate d = day(at, zone);
    return d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  private static YearMonth month(Instant at, ZoneId zone) {
    return YearMonth.from(day(at, zone));
  }
}
