package dev.obs.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The WAR in embedded Tomcat 11 (Servlet 6.1), which finds obs's initializer in WEB-INF/lib. */
class Tomcat11IT extends DeployedWarContract {
  private Tomcat tomcat;

  @Override
  int deploy(Path war) throws Exception {
    tomcat = new Tomcat();
    Path base = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tomcat-11-");
    // Tomcat expands the WAR into the host's appBase, which it does not create itself.
    Files.createDirectories(base.resolve("webapps"));
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    // No JSP engine on this class path; the application needs none.
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Context context = tomcat.addWebapp("", war.toAbsolutePath().toString());
    context.setParentClassLoader(Tomcat11IT.class.getClassLoader());
    tomcat.start();
    return connector.getLocalPort();
  }

  @Override
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
