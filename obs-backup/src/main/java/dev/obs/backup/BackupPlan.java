package dev.obs.backup;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.obs.backup.source.BackupSource;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.EncryptionKey;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to back up, where to, when, and how long to keep it: a named set of sources written to a
 * store on a cron schedule, with retention, optional encryption, retries and drills.
 *
 * <pre>{@code
 * BackupPlan nightly = BackupPlan.builder("nightly")
 *     .source(PostgresSource.builder("main").database("app").build())
 *     .source(DirectorySource.of("uploads", Path.of("/srv/uploads")))
 *     .store(BackupStore.local(Path.of("/var/backups/app")))
 *     .schedule("0 2 * * *")
 *     .drillSchedule("0 4 1 * *")
 *     .build();
 * }</pre>
 */
public final class BackupPlan {
  /** The default schedule: every day at 02:00. */
  public static final String DEFAULT_SCHEDULE = "0 2 * * *";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String name;
  private final List<BackupSource> sources;
  private final BackupStore store;
  private final String schedule;
  private final Cron cron;
  private final ZoneId zone;
  private final Retention retention;
  private final @Nullable EncryptionKey encryptionKey;
  private final int attempts;
  private final Duration backoff;
  private final @Nullable String drillSchedule;
  private final @Nullable Cron drillCron;
  private final List<BackupHook> hooks;

  private BackupPlan(Builder b, BackupStore store) {
    this.name = b.name;
    this.sources = List.copyOf(b.sources);
    this.store = store;
    this.schedule = b.schedule;
    this.cron = parseCron(b.schedule);
    this.zone = b.zone;
    this.retention = b.retention;
    this.encryptionKey = b.encryptionKey;
    this.attempts = b.attempts;
    this.backoff = b.backoff;
    this.drillSchedule = b.drillSchedule;
    this.drillCron = b.drillSchedule == null ? null : parseCron(b.drillSchedule);
    this.hooks = List.copyOf(b.hooks);
  }

  /**
   * Starts a builder.
   *
   * @param name the plan's name: letters, digits, dots, dashes and underscores
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Parses a five-field cron expression (minute hour day-of-month month day-of-week).
   *
   * @param expression the expression, such as {@code 0 2 * * *}
   * @return the parsed cron
   * @throws IllegalArgumentException when the expression is not valid cron
   */
  static Cron parseCron(String expression) {
    try {
      return CRON.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + expression
              + "' is not a five-field cron expression like 0 2 * * *: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Returns the plan's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the sources, in backup order.
   *
   * @return the sources
   */
  public List<BackupSource> sources() {
    return sources;
  }

  /**
   * Finds a source by name.
   *
   * @param sourceName the name
   * @return the source, or empty
   */
  public Optional<BackupSource> source(String sourceName) {
    return sources.stream().filter(s -> s.name().equals(sourceName)).findFirst();
  }

  /**
   * Returns the store.
   *
   * @return the store
   */
  public BackupStore store() {
    return store;
  }

  /**
   * Returns the cron schedule. The default is {@value #DEFAULT_SCHEDULE}.
   *
   * @return the cron expression
   */
  public String schedule() {
    return schedule;
  }

  Cron cron() {
    return cron;
  }

  /**
   * Returns the time zone of the schedule and of the retention's days. The default is UTC.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Returns the retention.
   *
   * @return the retention
   */
  public Retention retention() {
    return retention;
  }

  /**
   * Returns the encryption key, if backups are encrypted.
   *
   * @return the key, or empty
   */
  public Optional<EncryptionKey> encryptionKey() {
    return Optional.ofNullable(encryptionKey);
  }

  /**
   * Returns how many times a run is tried before it fails. The default is 3.
   *
   * @return the attempts
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Returns the wait after the first failed attempt; it doubles after each further one. The default
   * is 1 minute.
   *
   * @return the backoff
   */
  public Duration backoff() {
    return backoff;
  }

  /**
   * Returns the drill schedule, if drills are scheduled.
   *
   * @return the cron expression, or empty
   */
  public Optional<String> drillSchedule() {
    return Optional.ofNullable(drillSchedule);
  }

  @Nullable Cron drillCron() {
    return drillCron;
  }

  /**
   * Returns the hooks run around each backup.
   *
   * @return the hooks
   */
  public List<BackupHook> hooks() {
    return hooks;
  }

  @Override
  public String toString() {
    return "BackupPlan[" + name + ", " + sources.size() + " sources, " + store.describe() + "]";
  }

  /** Builds a {@link BackupPlan}. */
  public static final class Builder {
    private final String name;
    private final List<BackupSource> sources = new ArrayList<>();
    private @Nullable BackupStore store;
    private String schedule = DEFAULT_SCHEDULE;
    private ZoneId zone = ZoneOffset.UTC;
    private Retention retention = Retention.defaults();
    private @Nullable EncryptionKey encryptionKey;
    private int attempts = 3;
    private Duration backoff = Duration.ofMinutes(1);
    private @Nullable String drillSchedule;
    private final List<BackupHook> hooks = new ArrayList<>();

    private Builder(String name) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a plan name must be 1 to 64 letters, digits, dots, dashes or underscores, got '"
                + name
                + "'");
      }
      this.name = name;
    }

    /**
     * Adds a source.
     *
     * @param source the source; its name must be unique in the plan
     * @return this builder
     */
    public Builder source(BackupSource source) {
      sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /**
     * Sets the store; required.
     *
     * @param backupStore the store
     * @return this builder
     */
    public Builder store(BackupStore backupStore) {
      this.store = backupStore;
      return this;
    }

    /**
     * Sets the cron schedule. The default is {@value #DEFAULT_SCHEDULE}.
     *
     * @param cronExpression five fields: minute hour day-of-month month day-of-week
     * @return this builder
     * @throws IllegalArgumentException when the expression is not valid cron
     */
    public Builder schedule(String cronExpression) {
      parseCron(cronExpression);
      this.schedule = cronExpression;
      return this;
    }

    /**
     * Sets the time zone of the schedule and the retention. The default is UTC.
     *
     * @param timeZone the zone
     * @return this builder
     */
    public Builder zone(ZoneId timeZone) {
      this.zone = Objects.requireNonNull(timeZone, "zone");
      return this;
    }

    /**
     * Sets the retention. The default is {@link Retention#defaults()}.
     *
     * @param backupRetention the retention
     * @return this builder
     */
    public Builder retention(Retention backupRetention) {
      this.retention = Objects.requireNonNull(backupRetention, "retention");
      return this;
    }

    /**
     * Encrypts the backups with AES-256-GCM under this key. Off by default.
     *
     * @param key the key, or {@code null} for no encryption
     * @return this builder
     */
    public Builder encryptionKey(@Nullable EncryptionKey key) {
      this.encryptionKey = key;
      return this;
    }

    /**
     * Sets how many times a run is tried. The default is 3.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder attempts(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + count);
      }
      this.attempts = count;
      return this;
    }

    /**
     * Sets the wait after the first failed attempt, doubled after each further one. The default is
     * 1 minute.
     *
     * @param wait a positive or zero duration
     * @return this builder
     */
    public Builder backoff(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative, got " + wait);
      }
      this.backoff = wait;
      return this;
    }

    /**
     * Schedules restore drills of the newest backup, such as {@code 0 4 1 * *} (monthly). Off by
     * default.
     *
     * @param cronExpression the drill schedule, or {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException when the expression is not valid cron
     */
    public Builder drillSchedule(@Nullable String cronExpression) {
      if (cronExpression != null) {
        parseCron(cronExpression);
      }
      this.drillSchedule = cronExpression;
      return this;
    }

    /**
     * Adds a hook run around each backup.
     *
     * @param hook the hook
     * @return this builder
     */
    public Builder hook(BackupHook hook) {
      hooks.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /**
     * Builds the plan.
     *
     * @return the plan
     * @throws IllegalStateException when there is no source or store, or two sources share a name
     */
    public BackupPlan build() {
      if (sources.isEmpty()) {
        throw new IllegalStateException("backup plan '" + name + "' has no source");
      }
      BackupStore s = store;
      if (s == null) {
        throw new IllegalStateException("backup plan '" + name + "' has no store");
      }
      Set<String> names = new HashSet<>();
      for (BackupSource source : sources) {
        if (!NAME.matcher(source.name()).matches()) {
          throw new IllegalStateException(
              "backup plan '"
                  + name
                  + "': a source name must be letters, digits, dots, dashes or underscores, got '"
                  + source.name()
                  + "'");
        }
        if (!names.add(source.name())) {
          throw new IllegalStateException(
              "backup plan '" + name + "' has two sources named '" + source.name() + "'");
        }
      }
      return new BackupPlan(this, s);
    }
  }
}
