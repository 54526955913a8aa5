package dev.obs.alerts.notify;

import dev.obs.promql.LabelMatcher;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The silences of a {@link Notifications}: created and removed at run time (usually through the
 * admin API), kept in a JSON file when one is configured so they survive a restart. A silence stops
 * muting when it expires and is forgotten then.
 *
 * <pre>{@code
 * Silence snooze =
 *     notifications.silences().add(
 *         LabelMatcher.parseList("alertname=HighErrorRate"),
 *         Duration.ofHours(1),
 *         "ana",
 *         "deploying");
 * notifications.silences().remove(snooze.id());
 * }</pre>
 */
public final class Silences {
  /** The default longest silence: 30 days. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(30);

  private final Clock clock;
  private final Duration maxDuration;
  private final @Nullable SilenceFile file;
  private final List<Silence> silences = new ArrayList<>();

  Silences(Clock clock, @Nullable Path file, Duration maxDuration) {
    this.clock = clock;
    this.maxDuration = maxDuration;
    this.file = file == null ? null : new SilenceFile(file);
    if (this.file != null) {
      silences.addAll(this.file.read());
      prune(clock.instant());
    }
  }

  /**
   * Adds a silence that starts now and lasts the given time.
   *
   * @param matchers the matchers, at least one of which does not match an empty value
   * @param duration how long it lasts, positive
   * @param createdBy who creates it, not blank
   * @param comment why
   * @return the silence with its id
   * @throws IllegalArgumentException if an argument is invalid
   * @throws UncheckedIOException if the silences file cannot be written
   */
  public synchronized Silence add(
      List<LabelMatcher> matchers, Duration duration, String createdBy, String comment) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("silence duration must be positive, got " + duration);
    }
    if (duration.compareTo(maxDuration) > 0) {
      throw new IllegalArgumentException(
          "a silence may last at most "
              + maxDuration
              + " (obs.alerts.notify.silences.max-duration), got "
              + duration);
    }
    Instant now = clock.instant();
    return add(now, matchers, now.plus(duration), createdBy, comment);
  }

  /**
   * Adds a silence that starts now and ends at the given time.
   *
   * @param matchers the matchers, at least one of which does not match an empty value
   * @param endsAt when it ends, in the future
   * @param createdBy who creates it, not blank
   * @param comment why
   * @return the silence with its id
   * @throws IllegalArgumentException if an argument is invalid
   * @throws UncheckedIOException if the silences file cannot be written
   */
  public synchronized Silence add(
      List<LabelMatcher> matchers, Instant endsAt, String createdBy, String comment) {
    return add(clock.instant(), matchers, endsAt, createdBy, comment);
  }

  private Silence add(
      Instant now, List<LabelMatcher> matchers, Instant endsAt, String createdBy, String comment) {
    if (createdBy.isBlank()) {
      throw new IllegalArgumentException("a silence needs an author (created_by)");
    }
    if (!endsAt.isAfter(now)) {
      throw new IllegalArgumentException("a silence must end in the future, got " + endsAt);
    }
    if (Duration.between(now, endsAt).compareTo(maxDuration) > 0) {
      throw new IllegalArgumentException(
          "a silence may last at most "
              + maxDuration
              + " (obs.alerts.notify.silences.max-duration), got one ending at "
              + endsAt);
    }
    checkMatchers(matchers);
    Silence silence =
        new Silence(UUID.randomUUID().toString(), matchers, now, endsAt, createdBy, comment);
    prune(now);
    silences.add(silence);
    save();
    return silence;
  }

  /**
   * Refuses matchers that would silence every alert, as Alertmanager does: a matcher that matches
   * the empty string also matches alerts without the label.
   */
  private static void checkMatchers(List<LabelMatcher> matchers) {
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException(
          "a silence needs matchers, like \"matchers\": [\"alertname=HighErrorRate\"]");
    }
    for (LabelMatcher m : matchers) {
      if (!m.matches("")) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "at least one matcher of a silence must not match the empty string, got "
            + matchers
            + "; a silence of them would mute every alert");
  }

  /**
   * Removes a silence, which stops muting at once.
   *
   * @param id the silence's id
   * @return whether a silence had that id
   * @throws UncheckedIOException if the silences file cannot be written
   */
  public synchronized boolean remove(String id) {
    boolean removed = silences.removeIf(s -> s.id().equals(id));
    if (removed) {
      save();
    }
    return removed;
  }

  /**
   * Returns the silences that have not expired, oldest first.
   *
   * @return the silences
   */
  public synchronized List<Silence> list() {
    Instant now = clock.instant();
    return silences.stream().filter(s -> s.endsAt().isAfter(now)).toList();
  }

  /**
   * Returns the silence that mutes an alert with these labels now, if any.
   *
   * @param labels the alert's labels
   * @return the first active silence that matches
   */
  public synchronized Optional<Silence> silencing(Map<String, String> labels) {
    Instant now = clock.instant();
    for (Silence s : silences) {
      if (s.silences(labels, now)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private void prune(Instant now) {
    silences.removeIf(s -> !s.endsAt().isAfter(now));
  }

  private void save() {
    if (file != null) {
      file.write(silences);
    }
  }
}
