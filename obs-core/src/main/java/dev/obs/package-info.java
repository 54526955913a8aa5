/** The obs root, its configuration and lifecycle. */
@NullMarked
package dev.obs;

import org.jspecify.annotations.NullMarked;
