package dev.obs.promql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Results shared between evaluations at one instant, so many rules reading the same selector (or
 * the same sub-expression, such as {@code rate(m[5m])}) select and compute it once per tick.
 *
 * <p>A cache serves one store at one evaluation time: used with another store or time, or after the
 * store changed, it drops what it holds first. It only keeps results read from an {@link
 * InMemorySeriesStore}, whose writes it can see; with other stores it computes every time. It is
 * not thread-safe: use one per evaluation thread and drop it after the tick.
 *
 * <pre>{@code
 * EvaluationCache cache = new EvaluationCache();
 * for (Expr rule : rules) {
 *   Value v = Evaluator.evaluate(rule, now, store, cache);
 * }
 * }</pre>
 */
public final class EvaluationCache {
  private final Map<Expr, List<Sample>> vectors = new HashMap<>();
  private @Nullable InMemorySeriesStore store;
  private long time;
  private long version;
  private long hits;

  /** Creates an empty cache. */
  public EvaluationCache() {}

  /**
   * Binds the cache to an evaluation, dropping its results when they were computed for another
   * store, another time or an older state of the store.
   *
   * @return whether results may be kept for this evaluation
   */
  boolean bind(SeriesStore target, long timeMillis) {
    if (!(target instanceof InMemorySeriesStore memory)) {
      return false;
    }
    long current = memory.version();
    if (memory != store || timeMillis != time || current != version) {
      vectors.clear();
      store = memory;
      time = timeMillis;
      version = current;
    }
    return true;
  }

  @Nullable List<Sample> get(Expr expr) {
    List<Sample> v = vectors.get(expr);
    if (v != null) {
      hits++;
    }
    return v;
  }

  void put(Expr expr, List<Sample> value) {
    vectors.put(expr, value);
  }

  /**
   * Returns how many results are held for the current store and time.
   *
   * @return the number of cached sub-expression results
   */
  public int size() {
    return vectors.size();
  }

  /**
   * Returns how many times a result was reused instead of computed, since the cache was created.
   *
   * @return the number of reuses
   */
  public long hits() {
    return hits;
  }
}
