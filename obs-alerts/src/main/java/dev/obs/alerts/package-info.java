/**
 * Alert rules: rule files and a Java DSL evaluated in-process over the application's own meters,
 * and the alerts they produce.
 */
@NullMarked
package dev.obs.alerts;

import org.jspecify.annotations.NullMarked;
