/** Backup plans run on a schedule, stored, verified and pruned. */
@NullMarked
package dev.obs.backup;

import org.jspecify.annotations.NullMarked;
