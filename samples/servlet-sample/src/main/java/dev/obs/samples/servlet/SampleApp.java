package dev.obs.samples.servlet;

import dev.obs.history.History;
import dev.obs.servlet.ObsServletContainerInitializer;
import dev.obs.servlet.StatusServlets;
import java.net.InetSocketAddress;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * An embedded Jetty 12 application instrumented by obs through the drop-in path: the {@link
 * ObsServletContainerInitializer} builds an {@code Obs} with a Prometheus registry, registers the
 * request filter on {@code /*} and serves {@code /metrics} and the health endpoints; the
 * application code reports its route template in {@link UsersServlet}, registers two health checks
 * in {@link HealthSetup}; obs also serves the status page at {@code /status}.
 *
 * <p>Run it from the repository root with the quick-start command in the README. The port is 8080
 * unless the environment variable {@code PORT} says otherwise; it listens on loopback unless {@code
 * HOST} names another address (such as {@code 0.0.0.0} in a container).
 */
public final class SampleApp implements AutoCloseable {
  static final int DEFAULT_PORT = 8080;
  static final String DEFAULT_HOST = "127.0.0.1";

  private final Server server;

  private final ServletContextHandler context;

  private SampleApp(Server server, ServletContextHandler context) {
    this.server = server;
    this.context = context;
  }

  /**
   * Starts the application on loopback.
   *
   * @param port the port, or 0 for any free port
   * @return the running application; close it to stop the server
   * @throws Exception if Jetty cannot start
   */
  public static SampleApp start(int port) throws Exception {
    return start(DEFAULT_HOST, port);
  }

  /**
   * Starts the application on the given address.
   *
   * @param host the address to listen on, such as {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port the port, or 0 for any free port
   * @return the running application; close it to stop the server
   * @throws Exception if Jetty cannot start
   */
  public static SampleApp start(String host, int port) throws Exception {
    ServletContextHandler context = new ServletContextHandler("/");
    // The drop-in path: what a servlet container does when it finds obs-servlet in WEB-INF/lib.
    context.addServletContainerInitializer(new ObsServletContainerInitializer());
    context.addEventListener(new HealthSetup());
    context.addServlet(new HelloServlet(), "/hello");
    context.addServlet(new UsersServlet(), "/users/*");
    context.addServlet(new FailServlet(), "/fail");
    context.addServlet(new SlowServlet(), "/slow");

    Server server = new Server(new InetSocketAddress(host, port));
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    return new SampleApp(server, context);
  }

  /**
   * Returns the port the server listens on, useful when started on port 0.
   *
   * @return the local port
   */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /**
   * Returns the metrics history behind the status page, or {@code null} when history is disabled.
   *
   * @return the history
   */
  public @Nullable History history() {
    return (History) context.getServletContext().getAttribute(StatusServlets.HISTORY_ATTRIBUTE);
  }

  /** Stops the server; the initializer closes its {@code Obs} with the servlet context. */
  @Override
  public void close() throws Exception {
    server.stop();
  }

  /**
   * Starts the application and waits until the process is stopped.
   *
   * @param args ignored
   * @throws Exception if Jetty cannot start
   */
  public static void main(String[] args) throws Exception {
    String host = env("HOST", DEFAULT_HOST);
    int port = Integer.parseInt(env("PORT", Integer.toString(DEFAULT_PORT)));
    SampleApp app = start(host, port);
    String base = "http://localhost:" + app.port();
    System.out.println();
    System.out.println("obs servlet sample is running. Try:");
    System.out.println("  " + base + "/hello");
    System.out.println("  " + base + "/users/42     (route /users/{id}; /users/abc is a 404)");
    System.out.println("  " + base + "/fail         (throws IllegalStateException -> 500)");
    System.out.println("  " + base + "/slow         (takes about 250 ms)");
    System.out.println("then look at the metrics and the health endpoints:");
    System.out.println("  " + base + "/metrics");
    System.out.println("  " + base + "/readyz       (checks: disk, heap; also /livez, /healthz)");
    System.out.println("  " + base + "/status       (the public status page; also /status.json)");
    System.out.println("Press Ctrl+C to stop.");
    app.server.join();
  }

  private static String env(String name, String defaultValue) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }
}
