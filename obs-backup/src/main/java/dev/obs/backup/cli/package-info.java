/** The backup command line. */
@NullMarked
package dev.obs.backup.cli;

import org.jspecify.annotations.NullMarked;
