package dev.obs.alerts.notify;

import dev.obs.alerts.notify.NotifyMeters.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver's bounded queue and the thread that drains it. A full queue drops its oldest
 * notification. A failed attempt that may pass later stays at the head until its backoff (or the
 * receiver's {@code Retry-After}) has passed on the injected clock, so the receiver sees
 * notifications in order; the thread re-reads the clock when woken by {@link #wake()}, and at least
 * every second.
 */
final class Delivery {
  private static final Logger log = LoggerFactory.getLogger(Delivery.class);
  private static final long MAX_PARK_MILLIS = 1000;

  private record Item(Notification notification, int attempts, Instant notBefore) {}

  private final Receiver receiver;
  private final Clock clock;
  private final NotifyMeters meters;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final Thread thread;
  private boolean inFlight;
  private boolean closing;
  private boolean stopped;

  Delivery(Receiver receiver, Clock clock, NotifyMeters meters, Backoff backoff) {
    this.receiver = receiver;
    this.clock = clock;
    this.meters = meters;
    this.backoff = backoff;
    this.thread = new Thread(this::run, "obs-notify-" + receiver.name());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a notification without blocking; drops the oldest when the queue is full. */
  void offer(Notification notification) {
    lock.lock();
    try {
      if (closing) {
        meters.count(receiver.name(), Result.DROPPED);
        return;
      }
      queue.addLast(new Item(notification, 0, clock.instant()));
      trim();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void trim() {
    while (queue.size() > receiver.queueCapacity()) {
      Item dropped = queue.pollFirst();
      meters.count(receiver.name(), Result.DROPPED);
      log.warn(
          "obs alerts: queue of receiver {} is full ({}), dropped the oldest notification: {}",
          receiver.name(),
          receiver.queueCapacity(),
          dropped.notification().title());
    }
  }

  /** Makes the thread re-read the clock, after a test or the ticker moved time. */
  void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int queued() {
    lock.lock();
    try {
      return queue.size() + (inFlight ? 1 : 0);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the queue is empty and nothing is in flight; returns false at the deadline. */
  boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    lock.lock();
    try {
      while (!queue.isEmpty() || inFlight) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends what is queued, once each and without waiting for backoff, until the deadline; then stops
   * the thread and counts what is left as dropped.
   */
  void close(long deadlineNanos) {
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      awaitIdle(deadlineNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      stopped = true;
      int left = queue.size();
      queue.clear();
      for (int i = 0; i < left; i++) {
        meters.count(receiver.name(), Result.DROPPED);
      }
      if (left > 0) {
        log.warn(
            "obs alerts: receiver {} did not flush in time, dropped {} notifications",
            receiver.name(),
            left);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    // A send still hanging is abandoned: the JDK HTTP client gives up when interrupted.
    thread.interrupt();
  }

  private void run() {
    while (true) {
      Item item;
      lock.lock();
      try {
        item = next();
        if (item == null) {
          return;
        }
        inFlight = true;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      Item retry = attempt(item);
      lock.lock();
      try {
        inFlight = false;
        if (retry != null) {
          if (stopped) {
            meters.count(receiver.name(), Result.DROPPED);
          } else {
            queue.addFirst(retry);
            trim();
          }
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Under the lock: waits for a due item; null once stopped. */
  private @Nullable Item next() throws InterruptedException {
    while (!stopped) {
      Item head = queue.peekFirst();
      if (head == null) {
        changed.await(MAX_PARK_MILLIS, TimeUnit.MILLISECONDS);
        continue;
      }
      long waitMillis =
          closing ? 0 : Duration.between(clock.instant(), head.notBefore()).toMillis();
      if (waitMillis <= 0) {
        return queue.pollFirst();
      }
      changed.await(Math.min(waitMillis, MAX_PARK_MILLIS), TimeUnit.MILLISECONDS);
    }
    return null;
  }

  /** Sends once; returns the item to retry, or null when done (sent or given up). */
  private @Nullable Item attempt(Item item) {
    int attempts = item.attempts() + 1;
    Notification n = item.notification();
    try {
      receiver.notifier().send(n);
      meters.count(receiver.name(), Result.SENT);
      return null;
    } catch (DeliveryException e) {
      boolean closingNow;
      boolean stoppedNow;
      lock.lock();
      try {
        closingNow = closing;
        stoppedNow = stopped;
      } finally {
        lock.unlock();
      }
      if (stoppedNow) {
        // close() gave up waiting and interrupted this attempt.
        meters.count(receiver.name(), Result.DROPPED);
        log.warn("obs alerts: receiver {} dropped '{}' at close", receiver.name(), n.title());
        return null;
      }
      if (e.retryable() && attempts < backoff.maxAttempts() && !closingNow) {
        Instant now = clock.instant();
        Instant at = now.plus(backoff.delay(attempts, ThreadLocalRandom.current()::nextDouble));
        if (e.retryAt() != null) {
          at = e.retryAt().isAfter(now) ? e.retryAt() : now;
        } else if (e.retryAfter() != null) {
          at = now.plus(e.retryAfter());
        }
        meters.count(receiver.name(), Result.RETRIED);
        log.info(
            "obs alerts: receiver {} attempt {} failed, retrying at {}: {}",
            receiver.name(),
            attempts,
            at,
            e.getMessage());
        return new Item(n, attempts, at);
      }
      meters.count(receiver.name(), Result.FAILED);
      log.warn(
          "obs alerts: receiver {} gave up on '{}' after {} attempts: {}",
          receiver.name(),
          n.title(),
          attempts,
          e.getMessage(),
          e);
      return null;
    } catch (RuntimeException e) {
      meters.count(receiver.name(), Result.FAILED);
      log.warn("obs alerts: receiver {} failed on '{}'", receiver.name(), n.title(), e);
      return null;
    }
  }
}
