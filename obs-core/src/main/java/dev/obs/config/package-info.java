/** The {@code obs.*} configuration keys every module reads, and the error for invalid values. */
@NullMarked
package dev.obs.config;

import org.jspecify.annotations.NullMarked;
