package dev.obs.errors;

import java.time.Duration;

/** Where reports go besides the log; implemented with the Sentry SDK, which may be absent. */
interface EventSink {
  /** Queues the report for sending; must not block on the network nor throw. */
  void send(Report report);

  /** Flushes for at most the timeout, then releases the sender. */
  void close(Duration timeout);
}
