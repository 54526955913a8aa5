package dev.obs.containers;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The WAR in Jetty 12's ee10 environment (Servlet 6.0). Jetty discovers initializers only with its
 * annotation configuration, which a standalone Jetty turns on with its {@code ee10-annotations}
 * module; the application itself is unchanged.
 */
class Jetty12Ee10IT extends DeployedWarContract {
  private Server server;

  @Override
  int deploy(Path war) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext context = new WebAppContext(war.toAbsolutePath().toString(), "/");
    context.addConfiguration(new AnnotationConfiguration());
    server.setHandler(context);
    server.start();
    return connector.getLocalPort();
  }

  @Override
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
