package dev.obs.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serves the status page's static files from the classpath under {@code /status/assets/}: its
 * script and stylesheet, and Chart.js from its WebJar. Only the files named here are served.
 */
final class StatusAssetsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The Chart.js version of the WebJar on the classpath, read from the WebJar itself. */
  static final String CHART_JS_VERSION = chartJsVersion();

  private record Asset(String type, byte[] body) {}

  private static final Map<String, String[]> FILES =
      Map.of(
          "/status.js",
          new String[] {"dev/obs/servlet/status.js", "text/javascript;charset=utf-8"},
          "/status.css",
          new String[] {"dev/obs/servlet/status.css", "text/css;charset=utf-8"},
          "/chart.umd.min.js",
          new String[] {
            "META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.min.js",
            "text/javascript;charset=utf-8"
          });

  private final transient Map<String, Asset> assets =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String chartJsVersion() {
    String file = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    try (InputStream in = StatusAssetsServlet.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        return "missing";
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "missing");
    } catch (IOException e) {
      return "missing";
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String name = req.getPathInfo();
    Asset asset = name == null ? null : load(name);
    if (asset == null) {
      res.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    res.setContentType(asset.type());
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setContentLength(asset.body().length);
    res.getOutputStream().write(asset.body());
  }

  private @Nullable Asset load(String name) {
    String[] file = FILES.get(name);
    if (file == null) {
      return null;
    }
    return assets.computeIfAbsent(
        name,
        n -> {
          try (InputStream in =
              StatusAssetsServlet.class.getClassLoader().getResourceAsStream(file[0])) {
            if (in == null) {
              throw new IllegalStateException(
                  "the status page asset " + file[0] + " is not on the classpath");
            }
            return new Asset(file[1], in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
