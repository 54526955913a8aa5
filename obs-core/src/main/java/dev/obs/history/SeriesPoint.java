package dev.obs.history;

import java.time.Instant;

/**
 * One point of a series: the value of a metric over the step starting at a time.
 *
 * @param at the start of the step
 * @param value the value, {@code NaN} when the step had no requests
 */
public record SeriesPoint(Instant at, double value) {}
