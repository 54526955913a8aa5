package dev.obs.health;

/**
 * The share of observed time a check was available (UP or DEGRADED) over the last 24 hours, 7 days
 * and 90 days, as percentages. A window with no observation is {@code NaN}.
 *
 * @param last24h percent over the last 24 hours
 * @param last7d percent over the last 7 days
 * @param last90d percent over the last 90 days
 */
public record Uptime(double last24h, double last7d, double last90d) {}
