package dev.obs.testkit;

import org.assertj.core.api.WritableAssertionInfo;
import org.opentest4j.AssertionFailedError;

/**
 * Builds the testkit's failures as {@link AssertionFailedError}, which IDEs and build tools show
 * uniformly; AssertJ's own message-only failures are plain {@link AssertionError}s. The assertion's
 * description ({@code as(...)}) and overriding message are kept as AssertJ keeps them.
 */
final class Failures {
  private Failures() {}

  static AssertionFailedError failed(WritableAssertionInfo info, String format, Object... args) {
    String overriding = info.overridingErrorMessage();
    if (overriding != null) {
      return new AssertionFailedError(overriding);
    }
    String description = info.descriptionText();
    String message = String.format(format, args);
    return new AssertionFailedError(
        description == null || description.isEmpty()
            ? message
            : "[" + description + "] " + message);
  }
}
