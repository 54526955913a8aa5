package dev.obs.testkit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.util.Collection;
import java.util.function.Function;

/** A type of meter the assertions select: how to name it in messages and how to search for it. */
final class MeterKind<M extends Meter> {
  static final MeterKind<Timer> TIMER = new MeterKind<>("timer", "Timers", Search::timers);
  static final MeterKind<Counter> COUNTER =
      new MeterKind<>("counter", "Counters", Search::counters);
  static final MeterKind<Gauge> GAUGE = new MeterKind<>("gauge", "Gauges", Search::gauges);

  private final String label;
  private final String plural;
  private final Function<Search, Collection<M>> search;

  private MeterKind(String label, String plural, Function<Search, Collection<M>> search) {
    this.label = label;
    this.plural = plural;
    this.search = search;
  }

  /** The lower-case singular name, such as {@code timer}. */
  String label() {
    return label;
  }

  /** The capitalised plural, such as {@code Timers}. */
  String plural() {
    return plural;
  }

  Collection<M> find(Search search) {
    return this.search.apply(search);
  }
}
