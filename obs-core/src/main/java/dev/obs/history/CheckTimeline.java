package dev.obs.history;

import dev.obs.health.HealthStatus;
import java.util.Arrays;

/**
 * One check's sampled minutes in ascending order, packed into two arrays (an epoch minute and a
 * status ordinal each), so 90 days of a check take about 650 kB instead of a boxed map's megabytes.
 * Not thread-safe: the memory store guards it.
 */
final class CheckTimeline {
  private static final HealthStatus[] STATUSES = HealthStatus.values();

  private int[] minutes = new int[64];
  private byte[] statuses = new byte[64];
  private int size;

  void put(int minute, HealthStatus status) {
    if (size > 0 && minutes[size - 1] >= minute) {
      int at = Arrays.binarySearch(minutes, 0, size, minute);
      if (at >= 0) {
        statuses[at] = (byte) status.ordinal();
        return;
      }
      insert(-at - 1, minute, status);
      return;
    }
    insert(size, minute, status);
  }

  private void insert(int at, int minute, HealthStatus status) {
    if (size == minutes.length) {
      minutes = Arrays.copyOf(minutes, size * 2);
      statuses = Arrays.copyOf(statuses, size * 2);
    }
    System.arraycopy(minutes, at, minutes, at + 1, size - at);
    System.arraycopy(statuses, at, statuses, at + 1, size - at);
    minutes[at] = minute;
    statuses[at] = (byte) status.ordinal();
    size++;
  }

  /** The index of the first minute at or after {@code minute}. */
  int indexOf(int minute) {
    int at = Arrays.binarySearch(minutes, 0, size, minute);
    return at >= 0 ? at : -at - 1;
  }

  int size() {
    return size;
  }

  int minute(int index) {
    return minutes[index];
  }

  HealthStatus status(int index) {
    return STATUSES[statuses[index]];
  }

  /** Drops minutes before {@code minute}; returns how many. */
  int dropBefore(int minute) {
    int cut = indexOf(minute);
    if (cut > 0) {
      System.arraycopy(minutes, cut, minutes, 0, size - cut);
      System.arraycopy(statuses, cut, statuses, 0, size - cut);
      size -= cut;
    }
    return cut;
  }
}
