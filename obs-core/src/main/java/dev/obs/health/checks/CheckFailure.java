package dev.obs.health.checks;

/**
 * A failure whose message is written for an operator and becomes the message of a DOWN result as
 * is, without the exception class name the registry would add.
 */
final class CheckFailure extends Exception {
  private static final long serialVersionUID = 1L;

  CheckFailure(String message) {
    super(message);
  }
}
