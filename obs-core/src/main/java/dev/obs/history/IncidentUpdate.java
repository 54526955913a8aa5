package dev.obs.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry in an incident's timeline: when, the state it moved to, and what users are told.
 *
 * @param at when the update was posted
 * @param state the state from then on
 * @param message the public message
 */
public record IncidentUpdate(Instant at, IncidentState state, String message) {
  /**
   * Checks the fields.
   *
   * @param at when
   * @param state the state
   * @param message the message
   */
  public IncidentUpdate {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
  }
}
