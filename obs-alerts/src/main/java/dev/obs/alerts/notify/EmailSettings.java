package dev.obs.alerts.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the email notifier sends.
 *
 * @param host the SMTP host
 * @param port the SMTP port, such as 25, 465 or 587
 * @param username the SMTP user, or {@code null} without authentication
 * @param password the SMTP password, or {@code null}
 * @param startTls whether to require STARTTLS
 * @param from the sender address
 * @param to the recipients, at least one
 * @param timeout the connection, read and write timeout
 */
public record EmailSettings(
    String host,
    int port,
    @Nullable String username,
    @Nullable String password,
    boolean startTls,
    String from,
    List<String> to,
    Duration timeout) {

  /**
   * Validates the settings.
   *
   * @param host the SMTP host
   * @param port the SMTP port
   * @param username the user or {@code null}
   * @param password the password or {@code null}
   * @param startTls whether to require STARTTLS
   * @param from the sender
   * @param to the recipients
   * @param timeout the timeout
   */
  public EmailSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(timeout, "timeout");
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("email settings need at least one recipient");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port must be between 1 and 65535, got " + port);
    }
  }

  /**
   * Settings for an SMTP server without authentication or TLS, with the default timeout.
   *
   * @param host the SMTP host
   * @param port the SMTP port
   * @param from the sender
   * @param to the recipients
   * @return the settings
   */
  public static EmailSettings of(String host, int port, String from, List<String> to) {
    return new EmailSettings(host, port, null, null, false, from, to, Notifier.DEFAULT_TIMEOUT);
  }
}
