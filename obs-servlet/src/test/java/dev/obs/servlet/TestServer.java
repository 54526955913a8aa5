package dev.obs.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A Jetty server on a free loopback port, configured by the test. */
final class TestServer implements AutoCloseable {
  private final Server server;
  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(Server server, URI base) {
    this.server = server;
    this.base = base;
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
    configure.accept(context);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new TestServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
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
