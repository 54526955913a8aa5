/**
 * The small alert API every module shares: an {@link dev.obs.alert.Alert}, its state, and the
 * listener that alert sources (the rules engine of obs-alerts, backups) hand alerts to.
 */
@NullMarked
package dev.obs.alert;

import org.jspecify.annotations.NullMarked;
