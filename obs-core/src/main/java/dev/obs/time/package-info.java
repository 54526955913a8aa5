/**
 * Time for tests: a {@link dev.obs.time.ManualClock} that one test drives for all of an {@code Obs}
 * (rules, health caches, history, notifications), as Micrometer's {@code MockClock} does for
 * meters.
 */
@NullMarked
package dev.obs.time;

import org.jspecify.annotations.NullMarked;
