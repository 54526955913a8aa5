/**
 * Alert notifications: routing, grouping, limits, silences and delivery of alerts to Slack,
 * Telegram, webhooks, email, Alertmanager and the log.
 */
@NullMarked
package dev.obs.alerts.notify;

import org.jspecify.annotations.NullMarked;
