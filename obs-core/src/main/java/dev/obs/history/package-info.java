/**
 * Metrics history: per-minute aggregates of each route and each health check, incidents, and the
 * summaries and series computed from them, kept in memory or in a database.
 */
@NullMarked
package dev.obs.history;

import org.jspecify.annotations.NullMarked;
