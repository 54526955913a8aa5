/**
 * The obs root: the {@code Obs} instance, its lifecycle and the plug-in point for other modules.
 */
@NullMarked
package dev.obs;

import org.jspecify.annotations.NullMarked;
