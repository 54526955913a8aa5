package dev.obs.history;

import java.time.Instant;

/**
 * The latency of every route together over one step of a chart.
 *
 * @param at the start of the step
 * @param requests the requests in the step
 * @param p50 the median in seconds, {@code NaN} without requests
 * @param p95 the 95th percentile in seconds, {@code NaN} without requests
 * @param p99 the 99th percentile in seconds, {@code NaN} without requests
 */
public record LatencyPoint(Instant at, long requests, double p50, double p95, double p99) {}
