/** Built-in health checks for common dependencies: databases, Redis, HTTP, TCP, disk and heap. */
@NullMarked
package dev.obs.health.checks;

import org.jspecify.annotations.NullMarked;
