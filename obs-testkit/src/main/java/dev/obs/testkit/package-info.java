/** JUnit 5 and 6 extension and AssertJ assertions for applications instrumented by obs. */
@NullMarked
package dev.obs.testkit;

import org.jspecify.annotations.NullMarked;
