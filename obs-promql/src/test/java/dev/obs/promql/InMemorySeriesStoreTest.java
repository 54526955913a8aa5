package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemorySeriesStoreTest {
  private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
  private static final Labels UP_B = Labels.of("__name__", "up", "job", "b");

  private static List<LabelMatcher> name(String metric) {
    return List.of(LabelMatcher.equal("__name__", metric));
  }

  @Test
  void aSelectorSeesSeriesAddedAndRemovedAfterItWasFirstRead() {
    InMemorySeriesStore store = new InMemorySeriesStore();
    List<LabelMatcher> notB =
        List.of(
            LabelMatcher.equal("__name__", "up"),
            new LabelMatcher("job", LabelMatcher.Op.NOT_EQUAL, "b"));
    store.append(UP_A, 10, 1);
    store.append(UP_B, 10, 2);
    assertThat(store.select(notB, 0, 100)).extracting(Series::labels).containsExactly(UP_A);

    Labels upC = Labels.of("__name__", "up", "job", "c");
    store.append(upC, 20, 3);
    assertThat(store.select(notB, 0, 100)).extracting(Series::labels).containsExactly(UP_A, upC);

    store.trimBefore(15);
    assertThat(store.select(notB, 0, 100)).extracting(Series::labels).containsExactly(upC);
    store.append(UP_A, 30, 4);
    assertThat(store.select(notB, 0, 100))
        .containsExactly(
            new Series(UP_A, new long[] {30}, new double[] {4}),
            new Series(upC, new long[] {20}, new double[] {3}));
  }

  @Test
  void selectReturnsMatchingSeriesInLabelOrderWithSamplesInTheClosedInterval() {
    InMemorySeriesStore store = new InMemorySeriesStore();
    for (long t = 0; t <= 40; t += 10) {
      store.append(UP_B, t, t);
      store.append(UP_A, t, -t);
    }
    store.append(Labels.of("__name__", "other"), 20, 1);
    assertThat(store.select(name("up"), 10, 30))
        .containsExactly(
            new Series(UP_A, new long[] {10, 20, 30}, new double[] {-10, -20, -30}),
            new Series(UP_B, new long[] {10, 20, 30}, new double[] {10, 20, 30}));
    assertThat(
            store.select(
                List.of(new LabelMatcher("__name__", LabelMatcher.Op.REGEX, "up|other")), 20, 20))
        .extracting(Series::labels)
        .containsExactly(Labels.of("__name__", "other"), UP_A, UP_B);
    assertThat(store.select(name("up"), 41, 50)).isEmpty();
  }

  @Test
  void olderSamplesAreIgnoredAndEqualTimesReplaceTheValue() {
    InMemorySeriesStore store = new InMemorySeriesStore();
    store.append(UP_A, 10, 1);
    store.append(UP_A, 5, 2);
    store.append(UP_A, 10, 3);
    assertThat(store.select(name("up"), 0, 100))
        .containsExactly(new Series(UP_A, new long[] {10}, new double[] {3}));
  }

  @Test
  void newSeriesBeyondTheLimitAreDroppedAndCounted() {
    InMemorySeriesStore store = new InMemorySeriesStore(1);
    store.append(UP_A, 1, 1);
    store.append(UP_B, 1, 1);
    store.append(UP_B, 2, 1);
    store.append(UP_A, 2, 1);
    assertThat(store.seriesCount()).isEqualTo(1);
    assertThat(store.droppedSamples()).isEqualTo(2);
    assertThat(store.maxSeries()).isEqualTo(1);
    assertThatThrownBy(() -> new InMemorySeriesStore(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSeries must be at least 1, got 0");
  }

  @Test
  void retentionForgetsSamplesOlderThanTheWindowBehindTheNewest() {
    InMemorySeriesStore store = new InMemorySeriesStore();
    store.retain(Duration.ofSeconds(60));
    for (long t = 0; t <= 600_000; t += 15_000) {
      store.append(UP_A, t, t);
    }
    Series s = store.select(name("up"), 0, Long.MAX_VALUE).get(0);
    assertThat(s.timestamps()).containsExactly(540_000, 555_000, 570_000, 585_000, 600_000);
    assertThatThrownBy(() -> store.retain(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention must be positive, got PT0S");
  }

  @Test
  void trimBeforeDropsOldSamplesAndEmptySeries() {
    InMemorySeriesStore store = new InMemorySeriesStore();
    store.append(UP_A, 10, 1);
    store.append(UP_B, 10, 1);
    store.append(UP_B, 20, 2);
    store.trimBefore(15);
    assertThat(store.seriesCount()).isEqualTo(1);
    assertThat(store.select(name("up"), 0, 100))
        .containsExactly(new Series(UP_B, new long[] {20}, new double[] {2}));
    store.append(UP_A, 30, 3);
    assertThat(store.seriesCount()).isEqualTo(2);
  }

  @Test
  void concurrentAppendsAndReadsKeepEverySample() throws Exception {
    InMemorySeriesStore store = new InMemorySeriesStore();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> writers =
          List.of(
              pool.submit(() -> appendMany(store, UP_A)),
              pool.submit(() -> appendMany(store, UP_B)));
      for (int i = 0; i < 100; i++) {
        for (Series s : store.select(name("up"), 0, Long.MAX_VALUE)) {
          assertThat(s.timestamps()).isSorted();
        }
      }
      for (Future<?> w : writers) {
        w.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.select(name("up"), 0, Long.MAX_VALUE))
        .allSatisfy(s -> assertThat(s.timestamps()).hasSize(10_000));
  }

  private static void appendMany(InMemorySeriesStore store, Labels labels) {
    for (int t = 0; t < 10_000; t++) {
      store.append(labels, t, t);
    }
  }
}
