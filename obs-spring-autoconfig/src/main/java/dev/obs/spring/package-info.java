/** Spring Boot auto-configuration of obs. */
@NullMarked
package dev.obs.spring;

import org.jspecify.annotations.NullMarked;
