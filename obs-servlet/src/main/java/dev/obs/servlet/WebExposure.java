package dev.obs.servlet;

import dev.obs.config.ObsConfig;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which obs endpoints a servlet context serves, chosen as Spring Boot Actuator users know: {@code
 * obs.web.exposure.include} and {@code obs.web.exposure.exclude} list endpoint ids ({@code health},
 * {@code metrics}, {@code status}, {@code api}, {@code admin}, or {@code *}), and {@code
 * obs.web.base-path} prefixes every obs path. An obs path the application already maps is a
 * conflict: obs refuses to start naming both unless {@code obs.web.path-conflict} says which one
 * wins ({@code app} leaves the path to the application; {@code obs} lets obs take a Spring MVC
 * mapping's path, which a servlet registration cannot give up).
 */
final class WebExposure {
  static final String INCLUDE = "obs.web.exposure.include";
  static final String EXCLUDE = "obs.web.exposure.exclude";
  static final String BASE_PATH = "obs.web.base-path";
  static final String CONFLICT = "obs.web.path-conflict";
  static final List<String> IDS = List.of("health", "metrics", "status", "api", "admin");
  static final String DEFAULT_INCLUDE = "health,metrics,api,admin";
  private static final String ATTRIBUTE = WebExposure.class.getName();
  private static final Logger log = LoggerFactory.getLogger(WebExposure.class);

  private final Set<String> exposed;
  private final String basePath;
  private final String conflict;
  private final List<String> publicPaths = new ArrayList<>();
  private final List<String> guardedPaths = new ArrayList<>();

  private WebExposure(Set<String> exposed, String basePath, String conflict) {
    this.exposed = exposed;
    this.basePath = basePath;
    this.conflict = conflict;
  }

  /** The exposure of this context, read from the configuration once and shared by registrars. */
  static WebExposure of(ServletContext context, ObsConfig config) {
    Object existing = context.getAttribute(ATTRIBUTE);
    if (existing instanceof WebExposure e) {
      return e;
    }
    WebExposure created = fromConfig(config);
    context.setAttribute(ATTRIBUTE, created);
    return created;
  }

  static WebExposure fromConfig(ObsConfig config) {
    Set<String> include = ids(config, INCLUDE, config.string(INCLUDE, DEFAULT_INCLUDE));
    Set<String> exclude = ids(config, EXCLUDE, config.string(EXCLUDE, ""));
    include.removeAll(exclude);
    String base = config.string(BASE_PATH, "").trim();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (!base.isEmpty() && (!base.startsWith("/") || base.contains("*") || base.contains("?"))) {
      throw ObsConfig.invalid(
          BASE_PATH, base, "must be empty or a path starting with / like /ops, without wildcards");
    }
    String conflict = config.string(CONFLICT, "fail").trim().toLowerCase(Locale.ROOT);
    // "obs" is for framework mappings (Spring MVC) that obs's exact servlet paths take over; a
    // servlet container keeps the first servlet mapped on a path, so there it fails like "fail".
    if (!conflict.equals("fail") && !conflict.equals("app") && !conflict.equals("obs")) {
      throw ObsConfig.invalid(CONFLICT, conflict, "must be fail, app or obs");
    }
    return new WebExposure(include, base, conflict);
  }

  private static Set<String> ids(ObsConfig config, String key, String text) {
    Set<String> out = new TreeSet<>();
    for (String item : text.split(",")) {
      String id = item.trim().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      if (id.equals("*")) {
        out.addAll(IDS);
      } else if (IDS.contains(id)) {
        out.add(id);
      } else {
        throw ObsConfig.invalid(
            key, item.trim(), "must list endpoint ids among " + String.join(", ", IDS) + " or *");
      }
    }
    return out;
  }

  boolean exposes(String id) {
    return exposed.contains(id);
  }

  String basePath() {
    return basePath;
  }

  /**
   * Maps the servlet on the paths (under the base path) when its endpoint id is exposed, and
   * remembers whether they are public for the start-up line.
   *
   * @return false when the endpoint is not exposed or the application keeps its paths
   * @throws dev.obs.config.ObsConfigException when a path is the application's and {@code
   *     obs.web.path-conflict} is {@code fail}
   */
  boolean add(
      ServletContext context,
      String id,
      String name,
      Servlet servlet,
      boolean isPublic,
      String... paths) {
    if (!exposes(id) || context.getServletRegistration(name) != null) {
      // Not exposed, or a servlet of that name is there: the application registered obs itself.
      return false;
    }
    String[] mapped = new String[paths.length];
    for (int i = 0; i < paths.length; i++) {
      mapped[i] = basePath + paths[i];
      String owner = appOwner(context, mapped[i]);
      if (owner != null && conflictLeavesToApp(owner, mapped[i])) {
        return false;
      }
    }
    // Every obs endpoint answers JSON, never the container's error page, and refuses TRACE.
    ServletRegistration.Dynamic registration =
        context.addServlet(name, EndpointBoundary.wrap(servlet));
    if (registration == null) {
      return false;
    }
    Set<String> taken = registration.addMapping(mapped);
    if (!taken.isEmpty()) {
      String path = taken.iterator().next();
      conflictLeavesToApp("another servlet", path);
    }
    (isPublic ? publicPaths : guardedPaths).addAll(List.of(mapped));
    return true;
  }

  private boolean conflictLeavesToApp(String owner, String path) {
    if (conflict.equals("app")) {
      log.info(
          "obs web: {} is mapped by the application ({}); obs leaves it to the application as {}=app",
          path,
          owner,
          CONFLICT);
      return true;
    }
    throw new dev.obs.config.ObsConfigException(
        CONFLICT,
        "obs path "
            + path
            + " would shadow the application's mapping of "
            + owner
            + "; set "
            + CONFLICT
            + "=app to leave it to the application, "
            + BASE_PATH
            + " to move obs's endpoints, or "
            + EXCLUDE
            + " to turn the obs endpoint off");
  }

  /** The application servlet whose mapping covers the path, described, or null. */
  private static @Nullable String appOwner(ServletContext context, String path) {
    for (Map.Entry<String, ? extends ServletRegistration> e :
        context.getServletRegistrations().entrySet()) {
      for (String pattern : e.getValue().getMappings()) {
        if (covers(pattern, path)) {
          return "servlet '" + e.getKey() + "' on " + pattern;
        }
      }
    }
    return null;
  }

  static boolean covers(String pattern, String path) {
    if (pattern.equals(path)) {
      return true;
    }
    String exact = path.endsWith("/*") ? path.substring(0, path.length() - 2) : path;
    if (pattern.endsWith("/*") && !pattern.equals("/*")) {
      String prefix = pattern.substring(0, pattern.length() - 2);
      return exact.equals(prefix) || exact.startsWith(prefix + "/");
    }
    return false;
  }

  /** Records paths another registrar served, for the start-up line. */
  void served(boolean isPublic, String... paths) {
    for (String p : paths) {
      (isPublic ? publicPaths : guardedPaths).add(basePath + p);
    }
  }

  List<String> publicPaths() {
    return List.copyOf(publicPaths);
  }

  List<String> guardedPaths() {
    return List.copyOf(guardedPaths);
  }

  /** Writes the one start-up line that says what obs serves and to whom. */
  void logServed(AdminGuard guard) {
    log.info(
        "obs web: serving public {}; guarded {} ({}); not exposed: {}",
        publicPaths.isEmpty() ? "nothing" : String.join(" ", publicPaths),
        guardedPaths.isEmpty() ? "nothing" : String.join(" ", guardedPaths),
        guard.isConfigured()
            ? "credentials: " + guard.describeCredentials()
            : "no credential configured: they answer 403",
        notExposed());
  }

  private String notExposed() {
    List<String> out = new ArrayList<>();
    for (String id : IDS) {
      if (!exposed.contains(id)) {
        out.add(id);
      }
    }
    return out.isEmpty() ? "none" : String.join(", ", out) + " (" + INCLUDE + ")";
  }
}
