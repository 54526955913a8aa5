package dev.obs.bench;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import dev.obs.history.CheckMinute;
import dev.obs.history.History;
import dev.obs.history.HistoryStore;
import dev.obs.history.IncidentState;
import dev.obs.history.LatencyHistogram;
import dev.obs.history.RouteMinute;
import dev.obs.servlet.StatusServlets;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty server whose {@code /status} shows 10 public components with 90 days of per-minute
 * history each (1.3 million check rows), 7 days of latency rows and three incidents: the load the
 * {@code status-wrk.sh} run measures. It listens on 127.0.0.1 at the port given as the first
 * argument (0 for any) and prints {@code ready <port>} when it serves.
 */
public final class StatusPageServer {
  static final int COMPONENTS = 10;
  static final int DAYS = 90;

  private StatusPageServer() {}

  /**
   * Starts the server and waits until the process is stopped.
   *
   * @param args the port, optional
   * @throws Exception if Jetty cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    PrometheusMeterRegistry registry = Fixture.prometheus();
    Obs obs =
        Obs.builder()
            .meterRegistry(registry)
            .config(ObsConfig.of(Map.of("obs.status.title", "Bench")))
            .jvmMetrics(false)
            .build()
            .start();
    for (int c = 0; c < COMPONENTS; c++) {
      obs.health()
          .register(
              "component" + c,
              HealthResult::up,
              CheckOptions.builder()
                  .publicTitle("Component " + c)
                  .refreshEvery(Duration.ofSeconds(10))
                  .build());
    }
    HistoryStore store = HistoryStore.memory();
    History history =
        History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config())
            .store(store)
            .build()
            .start();
    fill(store, Instant.now().truncatedTo(ChronoUnit.MINUTES));
    history.openIncident("Slow search", IncidentState.INVESTIGATING, "Searches are slow.");
    history.openIncident("Login errors", IncidentState.MONITORING, "A fix is out.");
    var old = history.openIncident("Outage", IncidentState.IDENTIFIED, "Network failure.");
    history.updateIncident(old.id(), IncidentState.RESOLVED, "Service restored.");
    history.refresh();

    Server server = new Server(new InetSocketAddress("127.0.0.1", port));
    ServletContextHandler context = new ServletContextHandler("/");
    StatusServlets.register(context.getServletContext(), obs, history);
    server.setHandler(context);
    server.start();
    System.out.println("ready " + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    server.join();
  }

  /** Writes 90 days of check minutes for every component and 7 days of latency rows. */
  static void fill(HistoryStore store, Instant now) {
    SplittableRandom random = new SplittableRandom(42);
    Instant start = now.minus(Duration.ofDays(DAYS));
    double[] bounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    for (Instant day = start; day.isBefore(now); day = day.plus(Duration.ofDays(1))) {
      List<CheckMinute> checks = new ArrayList<>(1440 * (COMPONENTS + 1));
      List<RouteMinute> routes = new ArrayList<>();
      boolean recent = day.isAfter(now.minus(Duration.ofDays(8)));
      for (int m = 0; m < 1440; m++) {
        Instant minute = day.plus(Duration.ofMinutes(m));
        if (!minute.isBefore(now)) {
          break;
        }
        for (int c = 0; c < COMPONENTS; c++) {
          HealthStatus s = random.nextInt(5000) == 0 ? HealthStatus.DOWN : HealthStatus.UP;
          checks.add(new CheckMinute(minute, "component" + c, s));
        }
        checks.add(new CheckMinute(minute, CheckMinute.OVERALL, HealthStatus.UP));
        if (recent) {
          long[] counts = new long[bounds.length + 1];
          for (int i = 0; i < 600; i++) {
            counts[Math.min(bounds.length, (int) Math.abs(random.nextGaussian() * 2.5))]++;
          }
          LatencyHistogram h = LatencyHistogram.of(bounds, counts);
          routes.add(RouteMinute.of(minute, RouteMinute.ALL_ROUTES, 600, 3, 600 * 0.02, h));
        }
      }
      store.write(routes, checks);
    }
  }
}
