/**
 * The PromQL subset of alert rules: parsing into an immutable expression, printing it back as
 * canonical PromQL, and evaluating it over an in-memory series store with Prometheus 2.x semantics.
 */
@NullMarked
package dev.obs.promql;

import org.jspecify.annotations.NullMarked;
