package dev.obs.health;

/** The status of a check or of a group of checks. */
public enum HealthStatus {
  /** Working. */
  UP(1.0),
  /** Working with reduced function: a non-critical check is down, or a check says so. */
  DEGRADED(0.5),
  /** Not working. */
  DOWN(0.0);

  private final double gaugeValue;

  HealthStatus(double gaugeValue) {
    this.gaugeValue = gaugeValue;
  }

  /**
   * Returns the value published by the {@code obs.health.status} gauge: 1 for UP, 0.5 for DEGRADED,
   * 0 for DOWN.
   *
   * @return the gauge value
   */
  public double gaugeValue() {
    return gaugeValue;
  }

  /**
   * Tells whether this status serves traffic: UP and DEGRADED answer 200, DOWN answers 503.
   *
   * @return true for UP and DEGRADED
   */
  public boolean isAvailable() {
    return this != DOWN;
  }
}
