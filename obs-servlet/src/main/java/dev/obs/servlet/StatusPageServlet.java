package dev.obs.servlet;

import dev.obs.health.HealthRegistry;
import dev.obs.history.History;
import dev.obs.history.StatusSnapshot;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code /status}: the public status page in the language the visitor asks for. The page is
 * rendered once per language for each snapshot and set of live statuses and then served from
 * memory, so a burst of visitors costs a map lookup each and never runs a health check.
 */
final class StatusPageServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private record Rendered(StatusSnapshot snapshot, String live, byte[] body, byte[] gzipped) {}

  private final transient History history;
  private final transient HealthRegistry health;
  private final transient StatusPage page;
  private final transient Map<String, Rendered> cache = new ConcurrentHashMap<>();

  private final String basePath;

  StatusPageServlet(History history, @Nullable String heading, String basePath) {
    this.basePath = basePath;
    this.history = history;
    this.health = history.health();
    this.page = new StatusPage(heading);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String lang =
        StatusLanguages.choose(req.getParameter("lang"), req.getHeader("Accept-Language"));
    StatusView view = StatusView.of(history.snapshot(), health);
    String live = view.liveKey();
    String key = lang + "|" + req.getContextPath() + basePath;
    Rendered r = cache.get(key);
    if (r == null || r.snapshot() != view.snapshot() || !r.live().equals(live)) {
      byte[] body =
          page.render(view, lang, req.getContextPath() + basePath).getBytes(StandardCharsets.UTF_8);
      r = new Rendered(view.snapshot(), live, body, gzip(body));
      cache.put(key, r);
    }
    res.setStatus(200);
    res.setContentType("text/html;charset=utf-8");
    res.setHeader("Content-Language", lang);
    res.setHeader("Vary", "Accept-Language, Accept-Encoding");
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    // The 90 bars of each component repeat the same markup, so the page compresses about 15:1;
    // it is compressed once per render rather than per request.
    byte[] body = r.body();
    if (acceptsGzip(req.getHeader("Accept-Encoding"))) {
      body = r.gzipped();
      res.setHeader("Content-Encoding", "gzip");
    }
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  static boolean acceptsGzip(@Nullable String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] fields = part.trim().split(";");
      if (fields[0].trim().equalsIgnoreCase("gzip")) {
        for (int i = 1; i < fields.length; i++) {
          String f = fields[i].trim().replace(" ", "");
          if (f.equals("q=0") || f.equals("q=0.0") || f.equals("q=0.00") || f.equals("q=0.000")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 8);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
