/**
 * Health checks: the check interface, results, the registry that runs them with timeouts, and
 * reports.
 */
@NullMarked
package dev.obs.health;

import org.jspecify.annotations.NullMarked;
