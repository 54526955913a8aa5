/** JMH benchmarks of the request path. */
@NullMarked
package dev.obs.bench;

import org.jspecify.annotations.NullMarked;
