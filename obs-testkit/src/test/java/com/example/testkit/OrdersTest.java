package com.example.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.testkit.ObsExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ObsExtension.class)
class OrdersTest {
  /** The code under test: it counts orders and times checkouts. */
  static final class Shop {
    private final Counter placed;
    private final Timer checkout;

    Shop(MeterRegistry registry) {
      placed = registry.counter("orders.placed");
      checkout = Timer.builder("checkout").publishPercentiles(0.5, 0.95).register(registry);
    }

    void placeOrders(int n) {
      placed.increment(n);
    }

    void checkout(Duration took) {
      checkout.record(took);
    }
  }

  @Test
  void countsOrders(MeterRegistry registry) {
    Shop shop = new Shop(registry);
    // begin counters
    shop.placeOrders(2);
    assertThat(registry).counter("orders.placed").hasCount(2);

    assertThat(registry).counter("orders.placed").increasesBy(3).during(() -> shop.placeOrders(3));
    // end counters
  }

  @Test
  void measuresTheQueue(MeterRegistry registry) {
    // begin gauges
    List<String> queue =
        registry.gauge("orders.queue", new ArrayList<>(List.of("a", "b")), List::size);
    assertThat(registry).gauge("orders.queue").hasValue(2);

    queue.add("c");
    assertThat(registry).gauge("orders.queue").hasValueCloseTo(3, 0.001);
    // end gauges
  }

  @Test
  void timesCheckouts(MeterRegistry registry) {
    Shop shop = new Shop(registry);
    // begin timers
    for (int ms = 10; ms <= 100; ms += 10) {
      shop.checkout(Duration.ofMillis(ms));
    }
    assertThat(registry)
        .timer("checkout")
        .hasCount(10)
        .hasMean(Duration.ofMillis(55), Duration.ZERO)
        .hasMax(Duration.ofMillis(100))
        .hasMaxAtMost(Duration.ofMillis(250))
        .hasTotalTimeAtMost(Duration.ofSeconds(1))
        .hasPercentile(0.5, Duration.ofMillis(50), Duration.ofMillis(5))
        .hasPercentileAtMost(0.95, Duration.ofMillis(120));

    assertThat(registry)
        .timer("checkout")
        .countIncreasesBy(1)
        .during(() -> shop.checkout(Duration.ofMillis(5)));

    Timer checkout = assertThat(registry).timer("checkout").meter();
    assertThat(checkout.getId().getTags()).isEmpty();
    // end timers
  }
}
