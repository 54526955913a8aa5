package dev.obs.alerts.notify;

import dev.obs.promql.LabelMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes the alerts whose labels satisfy every matcher, from {@code startsAt} until {@code endsAt}.
 *
 * @param id the silence's id
 * @param matchers the matchers, at least one
 * @param startsAt when it started
 * @param endsAt when it stops silencing
 * @param createdBy who created it
 * @param comment why
 */
public record Silence(
    String id,
    List<LabelMatcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment) {

  /**
   * Validates the silence.
   *
   * @param id the id
   * @param matchers the matchers
   * @param startsAt the start
   * @param endsAt the end, after the start
   * @param createdBy the author
   * @param comment the comment
   */
  public Silence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(comment, "comment");
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException(
          "a silence must end after it starts, got " + startsAt + " to " + endsAt);
    }
  }

  /**
   * Tells whether the silence is in force at a time.
   *
   * @param now the time
   * @return whether it has started and not yet ended
   */
  public boolean isActive(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  /**
   * Tells whether the silence mutes an alert with these labels at a time.
   *
   * @param labels the alert's labels
   * @param now the time
   * @return whether it is active and every matcher matches
   */
  public boolean silences(Map<String, String> labels, Instant now) {
    return isActive(now) && LabelMatcher.matchesAll(matchers, labels);
  }
}
