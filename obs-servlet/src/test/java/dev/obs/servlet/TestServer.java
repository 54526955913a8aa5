package dev.obs.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty server on a free loopback port, configured by the test. Its outermost filter counts the
 * requests the filters inside it have finished with (async ones when they complete), since the
 * client may see the response before those filters have returned.
 */
final class TestServer implements AutoCloseable {
  private final Server server;
  private final URI base;
  private final Semaphore handled;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(Server server, URI base, Semaphore handled) {
    this.server = server;
    this.base = base;
    this.handled = handled;
  }

  static TestServer start(Consumer<ServletContextHandler> configure) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // Large enough for the 10 kB request id test to reach the filter instead of Jetty's 431.
    http.setRequestHeaderSize(32 * 1024);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    Semaphore handled = new Semaphore(0);
    FilterHolder counter = new FilterHolder(new HandledCounter(handled));
    counter.setAsyncSupported(true);
    context.addFilter(counter, "/*", EnumSet.of(DispatcherType.REQUEST));
    configure.accept(context);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new TestServer(
        server, URI.create("http://127.0.0.1:" + connector.getLocalPort()), handled);
  }

  /**
   * Waits until the filters have finished with {@code requests} more requests, at most 10 s.
   *
   * @throws AssertionError when they have not
   */
  void awaitHandled(int requests, String what) throws InterruptedException {
    if (!handled.tryAcquire(requests, 10, TimeUnit.SECONDS)) {
      throw new AssertionError("timed out after 10 s waiting until " + what);
    }
  }

  /** Releases a permit once the rest of the chain, or the async request, is done. */
  private static final class HandledCounter implements Filter {
    private final Semaphore handled;

    HandledCounter(Semaphore handled) {
      this.handled = handled;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      try {
        chain.doFilter(req, res);
      } finally {
        if (req.isAsyncStarted()) {
          req.getAsyncContext()
              .addListener(
                  new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                      handled.release();
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                  });
        } else {
          handled.release();
        }
      }
    }
  }

  /** Adds the {@link ObsFilter} of {@code obs} to every request, async ones included. */
  static void addObsFilter(ServletContextHandler context, dev.obs.Obs obs) {
    FilterHolder filter = new FilterHolder(new ObsFilter(obs));
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  /** Sends a GET with the given header name and value pairs and returns the body as text. */
  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpClient client() {
    return client;
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  int port() {
    return base.getPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
