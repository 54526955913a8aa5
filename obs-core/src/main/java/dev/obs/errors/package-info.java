/**
 * Error reporting: unhandled exceptions become one ERROR log line and, with a DSN, a Sentry event.
 */
@NullMarked
package dev.obs.errors;

import org.jspecify.annotations.NullMarked;
