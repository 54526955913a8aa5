/** A Spring Boot application instrumented by the obs starter and properties only. */
@NullMarked
package dev.obs.samples.spring;

import org.jspecify.annotations.NullMarked;
