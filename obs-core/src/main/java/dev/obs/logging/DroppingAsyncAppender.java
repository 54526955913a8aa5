package dev.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Hands events to a worker thread through a bounded queue. The caller never waits: when the queue
 * is full the event is dropped and counted. Unlike Logback's {@code AsyncAppender} it drops no
 * event of any level before the queue is full, and it counts what it drops.
 */
final class DroppingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private final Appender<ILoggingEvent> delegate;
  private final BlockingQueue<ILoggingEvent> queue;
  private final Duration flushTimeout;
  private final LongAdder dropped = new LongAdder();
  private static final long POLL_MILLIS = 50;

  private @Nullable Thread worker;
  private volatile boolean stopping;

  DroppingAsyncAppender(Appender<ILoggingEvent> delegate, int capacity, Duration flushTimeout) {
    this.delegate = delegate;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.flushTimeout = flushTimeout;
  }

  long dropped() {
    return dropped.sum();
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Snapshot what is read from the caller's thread (MDC, thread name, formatted message).
    event.prepareForDeferredProcessing();
    if (!queue.offer(event)) {
      dropped.increment();
    }
  }

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    Thread t = new Thread(this::drain, "obs-log-async");
    t.setDaemon(true);
    worker = t;
    t.start();
    super.start();
  }

  // The worker is never interrupted: an interrupt while writing closes interruptible channels
  // (file appenders). It polls instead, and sees the stop flag within one poll interval.
  private void drain() {
    try {
      while (!stopping) {
        ILoggingEvent event = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null) {
          write(event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ILoggingEvent event; (event = queue.poll()) != null; ) {
      write(event);
    }
  }

  private void write(ILoggingEvent event) {
    try {
      delegate.doAppend(event);
    } catch (RuntimeException e) {
      addError("obs async log appender could not write an event", e);
    }
  }

  /** Stops taking events, then lets the worker write out the queue for at most the timeout. */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    stopping = true;
    Thread t = worker;
    if (t != null) {
      try {
        t.join(flushTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        addWarn("obs async log appender: the queue was not written out within " + flushTimeout);
      }
    }
  }
}
