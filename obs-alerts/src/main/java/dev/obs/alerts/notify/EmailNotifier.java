package dev.obs.alerts.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Sends a notification as a plain-text email over SMTP with Angus Mail. */
final class EmailNotifier implements Notifier {
  private final EmailSettings settings;
  private final Session session;
  private final InternetAddress from;
  private final InternetAddress[] to;

  EmailNotifier(EmailSettings settings) {
    this.settings = settings;
    Properties props = new Properties();
    String millis = Long.toString(settings.timeout().toMillis());
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.port()));
    props.put("mail.smtp.connectiontimeout", millis);
    props.put("mail.smtp.timeout", millis);
    props.put("mail.smtp.writetimeout", millis);
    props.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
    if (settings.startTls()) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    this.session = Session.getInstance(props);
    try {
      this.from = new InternetAddress(settings.from(), true);
      this.to = new InternetAddress[settings.to().size()];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(settings.to().get(i), true);
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException("invalid email address: " + e.getMessage(), e);
    }
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(n.title(), StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(n.createdAt()));
      message.setText(body(n), StandardCharsets.UTF_8.name());
      if (settings.username() != null) {
        Transport.send(message, settings.username(), settings.password());
      } else {
        Transport.send(message);
      }
    } catch (SendFailedException e) {
      // Rejected addresses stay rejected.
      throw DeliveryException.permanent("smtp " + where() + " refused the message: " + e, e);
    } catch (MessagingException e) {
      throw DeliveryException.retryable("smtp " + where() + " failed: " + e, e);
    }
  }

  private static String body(Notification n) {
    return n.externalUrl().isEmpty() ? n.text() : n.text() + "\n\n" + n.externalUrl();
  }

  private String where() {
    return settings.host() + ":" + settings.port();
  }

  @Override
  public String toString() {
    return "email via smtp " + where();
  }
}
