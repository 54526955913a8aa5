package dev.obs.backup;

import java.time.Duration;

/** Waits between attempts; tests replace it with one that advances their clock. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
