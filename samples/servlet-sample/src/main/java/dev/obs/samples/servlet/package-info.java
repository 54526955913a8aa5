/** A runnable embedded Jetty application instrumented by obs. */
@NullMarked
package dev.obs.samples.servlet;

import org.jspecify.annotations.NullMarked;
