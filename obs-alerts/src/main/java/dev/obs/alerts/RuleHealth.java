package dev.obs.alerts;

/** The outcome of a rule's last evaluation, as Prometheus reports rule health. */
public enum RuleHealth {
  /** Not evaluated yet. */
  UNKNOWN,
  /** The last evaluation succeeded. */
  OK,
  /** The last evaluation failed; see {@link RuleStatus#lastError()}. */
  ERR
}
