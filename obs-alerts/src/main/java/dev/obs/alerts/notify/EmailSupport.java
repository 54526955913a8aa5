package dev.obs.alerts.notify;

/** Creates the email notifier only when Angus Mail is on the class path. */
final class EmailSupport {
  static final String MISSING =
      "the email notifier needs Angus Mail on the class path: add the dependency"
          + " org.eclipse.angus:angus-mail (obs-servlet brings it)";

  private EmailSupport() {}

  static boolean available() {
    try {
      Class.forName("jakarta.mail.Session", false, EmailSupport.class.getClassLoader());
      Class.forName(
          "org.eclipse.angus.mail.smtp.SMTPTransport", false, EmailSupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static Notifier create(EmailSettings settings) {
    if (!available()) {
      throw new IllegalStateException(MISSING);
    }
    return new EmailNotifier(settings);
  }
}
