package dev.obs.history;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The stage of an incident, as status pages name them. */
public enum IncidentState {
  /** The problem is known and being looked into. */
  INVESTIGATING,
  /** The cause is found and a fix is under way. */
  IDENTIFIED,
  /** A fix is in place and its effect is being watched. */
  MONITORING,
  /** The incident is over. */
  RESOLVED;

  /**
   * Parses a state name in any case, such as {@code investigating}.
   *
   * @param text the name
   * @return the state, or {@code null} when the text names none
   */
  public static @Nullable IncidentState parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Returns the lower-case name used in JSON and message keys.
   *
   * @return the name, such as {@code investigating}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
