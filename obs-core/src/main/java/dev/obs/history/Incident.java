package dev.obs.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incident shown on the status page: a public title, its current state and every update posted
 * so far, oldest first.
 *
 * @param id a unique id
 * @param title the public title
 * @param state the current state, the state of the last update
 * @param startedAt when it was opened
 * @param resolvedAt when it was resolved, or {@code null} while it is open
 * @param updates the updates, oldest first; never empty
 * @param alertFingerprint the fingerprint of the alert that opened it, or {@code null} when it was
 *     opened by hand
 */
public record Incident(
    String id,
    String title,
    IncidentState state,
    Instant startedAt,
    @Nullable Instant resolvedAt,
    List<IncidentUpdate> updates,
    @Nullable String alertFingerprint) {

  /**
   * Checks the fields and copies the updates.
   *
   * @param id the id
   * @param title the title
   * @param state the state
   * @param startedAt when it started
   * @param resolvedAt when it was resolved, or {@code null}
   * @param updates the updates
   * @param alertFingerprint the alert's fingerprint, or {@code null}
   */
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    updates = List.copyOf(updates);
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("an incident has at least one update");
    }
  }

  /**
   * Tells whether the incident is still open.
   *
   * @return true until it is resolved
   */
  public boolean isOpen() {
    return state != IncidentState.RESOLVED;
  }

  /**
   * Returns a copy with one more update; resolving sets {@link #resolvedAt()}, and a later update
   * that is not resolved opens it again.
   *
   * @param update the update
   * @return the new incident
   */
  public Incident with(IncidentUpdate update) {
    List<IncidentUpdate> more = new ArrayList<>(updates);
    more.add(update);
    Instant resolved = update.state() == IncidentState.RESOLVED ? update.at() : null;
    return new Incident(id, title, update.state(), startedAt, resolved, more, alertFingerprint);
  }
}
