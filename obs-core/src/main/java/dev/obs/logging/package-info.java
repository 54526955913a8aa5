/** JSON log lines with request context and masked secrets, on Logback when it is present. */
@NullMarked
package dev.obs.logging;

import org.jspecify.annotations.NullMarked;
