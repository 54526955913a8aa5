/** OpenTelemetry SERVER spans for HTTP exchanges, W3C context propagation and trace ids in logs. */
@NullMarked
package dev.obs.tracing;

import org.jspecify.annotations.NullMarked;
