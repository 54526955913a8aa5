package dev.obs.servlet;

import dev.obs.health.HealthRegistry;
import dev.obs.history.History;
import dev.obs.history.StatusSnapshot;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private record Rendered(StatusSnapshot snapshot, String live, byte[] body) {}

  private final transient History history;
  private final transient HealthRegistry health;
  private final transient StatusPage page;
  private final transient Map<String, Rendered> cache = new ConcurrentHashMap<>();

  StatusPageServlet(History history, @Nullable String heading) {
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
    String key = lang + "|" + req.getContextPath();
    Rendered r = cache.get(key);
    if (r == null || r.snapshot() != view.snapshot() || !r.live().equals(live)) {
      byte[] body = page.render(view, lang, req.getContextPath()).getBytes(StandardCharsets.UTF_8);
      r = new Rendered(view.snapshot(), live, body);
      cache.put(key, r);
    }
    res.setStatus(200);
    res.setContentType("text/html;charset=utf-8");
    res.setHeader("Content-Language", lang);
    res.setHeader("Vary", "Accept-Language");
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setContentLength(r.body().length);
    res.getOutputStream().write(r.body());
  }
}
