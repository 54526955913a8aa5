package dev.obs.alert;

/** Where an alert is in the Prometheus state machine; inactive alerts are not represented. */
public enum AlertState {
  /** The expression is true but not yet for the rule's {@code for} duration. */
  PENDING,
  /** The expression has been true for at least the rule's {@code for} duration. */
  FIRING,
  /** The alert was firing and is no longer. */
  RESOLVED
}
