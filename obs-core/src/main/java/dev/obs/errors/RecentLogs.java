package dev.obs.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The last log lines of this process, kept to give an error event its breadcrumbs. */
interface RecentLogs {
  /** One kept log line. */
  record Line(long epochMillis, String level, String logger, String message) {}

  /** Keeps nothing: Logback is not the backend, or breadcrumbs are off. */
  RecentLogs NONE =
      new RecentLogs() {
        @Override
        public List<Line> of(@Nullable String requestId, String thread, int max) {
          return List.of();
        }

        @Override
        public void close() {}
      };

  /**
   * Returns the latest lines, oldest first, of the request with this id, or when the id is null, of
   * this thread.
   */
  List<Line> of(@Nullable String requestId, String thread, int max);

  /** Stops keeping lines. */
  void close();
}
