package dev.obs.alerts.notify;

import java.net.URI;
import java.time.Duration;

/**
 * Delivers a {@link Notification} to one kind of receiver. Called on the receiver's own delivery
 * thread, never on the caller's; it may block up to its timeout. It returns when delivered and
 * throws {@link DeliveryException} otherwise, saying whether a retry may help.
 *
 * <pre>{@code
 * Notifier slack = Notifier.slack(URI.create("https://hooks.slack.com/services/T0/B0/x"));
 * Notifier telegram = Notifier.telegram(Notifier.TELEGRAM_API, botToken, "-1001234");
 * }</pre>
 */
@FunctionalInterface
public interface Notifier {
  /** The Telegram Bot API base URL. */
  URI TELEGRAM_API = URI.create("https://api.telegram.org");

  /** The default timeout of one delivery attempt: 10 seconds. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Delivers the notification.
   *
   * @param notification what to send
   * @throws DeliveryException when it was not delivered
   */
  void send(Notification notification) throws DeliveryException;

  /**
   * Tells whether this notifier receives grouped notifications. Alertmanager does its own grouping,
   * so its notifier is sent every alert as it changes instead, as Prometheus does.
   *
   * @return true unless the receiver groups alerts itself
   */
  default boolean grouped() {
    return true;
  }

  /**
   * Writes each notification as one log line through SLF4J: WARN when firing, INFO when resolved.
   *
   * @return the log notifier
   */
  static Notifier log() {
    return LogNotifier.INSTANCE;
  }

  /**
   * Posts to a Slack incoming webhook: {@code {"text": title and lines}}.
   *
   * @param webhook the incoming webhook URL
   * @return the notifier
   */
  static Notifier slack(URI webhook) {
    return slack(webhook, DEFAULT_TIMEOUT);
  }

  /**
   * Posts to a Slack incoming webhook with a timeout per attempt.
   *
   * @param webhook the incoming webhook URL
   * @param timeout the timeout of one attempt
   * @return the notifier
   */
  static Notifier slack(URI webhook, Duration timeout) {
    return new HttpNotifier(HttpNotifier.Kind.SLACK, webhook, timeout, "");
  }

  /**
   * Sends through the Telegram Bot API's {@code sendMessage} method.
   *
   * @param apiBase the API base URL, {@link #TELEGRAM_API} in production
   * @param botToken the bot's token
   * @param chatId the chat to write to
   * @return the notifier
   */
  static Notifier telegram(URI apiBase, String botToken, String chatId) {
    return telegram(apiBase, botToken, chatId, DEFAULT_TIMEOUT);
  }

  /**
   * Sends through the Telegram Bot API's {@code sendMessage} method with a timeout per attempt.
   *
   * @param apiBase the API base URL, {@link #TELEGRAM_API} in production
   * @param botToken the bot's token
   * @param chatId the chat to write to
   * @param timeout the timeout of one attempt
   * @return the notifier
   */
  static Notifier telegram(URI apiBase, String botToken, String chatId, Duration timeout) {
    String base = apiBase.toString().replaceAll("/+$", "");
    URI url = URI.create(base + "/bot" + botToken + "/sendMessage");
    return new HttpNotifier(HttpNotifier.Kind.TELEGRAM, url, timeout, chatId);
  }

  /**
   * Posts the Alertmanager webhook payload (version 4) to a URL, as n8n and most alert tools
   * accept.
   *
   * @param url the webhook URL
   * @return the notifier
   */
  static Notifier webhook(URI url) {
    return webhook(url, DEFAULT_TIMEOUT);
  }

  /**
   * Posts the Alertmanager webhook payload with a timeout per attempt.
   *
   * @param url the webhook URL
   * @param timeout the timeout of one attempt
   * @return the notifier
   */
  static Notifier webhook(URI url, Duration timeout) {
    return new HttpNotifier(HttpNotifier.Kind.WEBHOOK, url, timeout, "");
  }

  /**
   * Posts alerts to an Alertmanager's v2 API ({@code POST /api/v2/alerts}), ungrouped: Alertmanager
   * groups, silences and routes them itself.
   *
   * @param baseUrl the Alertmanager URL, such as {@code http://alertmanager:9093}
   * @return the notifier
   */
  static Notifier alertmanager(URI baseUrl) {
    return alertmanager(baseUrl, DEFAULT_TIMEOUT);
  }

  /**
   * Posts alerts to an Alertmanager's v2 API with a timeout per attempt.
   *
   * @param baseUrl the Alertmanager URL
   * @param timeout the timeout of one attempt
   * @return the notifier
   */
  static Notifier alertmanager(URI baseUrl, Duration timeout) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return new HttpNotifier(
        HttpNotifier.Kind.ALERTMANAGER, URI.create(base + "/api/v2/alerts"), timeout, "");
  }

  /**
   * Sends email over SMTP with Angus Mail, which must be on the class path ({@code
   * org.eclipse.angus:angus-mail}; obs-servlet brings it).
   *
   * @param settings the SMTP server and addresses
   * @return the notifier
   * @throws IllegalStateException when Angus Mail is missing
   */
  static Notifier email(EmailSettings settings) {
    return EmailSupport.create(settings);
  }
}
