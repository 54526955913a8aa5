package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends HistoryStoreContract {
  @Override
  HistoryStore store() {
    return HistoryStore.memory();
  }

  @Test
  void theOldestRouteRowsGoFirstPastTheCap() {
    HistoryStore store = HistoryStore.memory(2);
    store.write(
        List.of(
            row(T0, "/a", 1, 0, 0),
            row(T0.plusSeconds(60), "/a", 1, 0, 0),
            row(T0.plusSeconds(120), "/a", 1, 0, 0)),
        List.of());
    assertThat(store.routes(Instant.EPOCH, T0.plusSeconds(600), null))
        .extracting(RouteMinute::minute)
        .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
    assertThatThrownBy(() -> HistoryStore.memory(0))
        .hasMessage("maxRouteRows must be at least 1, got 0");
  }
}
