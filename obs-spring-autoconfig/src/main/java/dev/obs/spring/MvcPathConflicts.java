package dev.obs.spring;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.servlet.ObsServlets;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Refuses to start when an obs servlet path shadows a Spring MVC mapping of the application: the
 * container routes an exact servlet mapping before the {@code DispatcherServlet}, so the
 * application's handler would never be reached. {@code obs.web.path-conflict=obs} accepts it (obs
 * answers, with a WARN); otherwise the start fails naming both and the ways out.
 */
final class MvcPathConflicts {
  private static final Logger log = LoggerFactory.getLogger(MvcPathConflicts.class);
  static final String KEY = "obs.web.path-conflict";

  private MvcPathConflicts() {}

  static void check(
      ServletContext context,
      ObsConfig config,
      Map<String, RequestMappingHandlerMapping> mappings) {
    List<String> obsPaths = ObsServlets.servedPaths(context);
    if (obsPaths.isEmpty()) {
      return;
    }
    String policy = config.string(KEY, "fail").trim().toLowerCase(Locale.ROOT);
    for (RequestMappingHandlerMapping mapping : mappings.values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
          mapping.getHandlerMethods().entrySet()) {
        for (String pattern : e.getKey().getPatternValues()) {
          for (String obsPath : obsPaths) {
            if (shadows(obsPath, pattern)) {
              conflict(policy, obsPath, pattern, e.getValue());
            }
          }
        }
      }
    }
  }

  /** Whether the obs servlet mapping takes requests for this literal MVC pattern. */
  static boolean shadows(String obsPath, String pattern) {
    if (obsPath.endsWith("/*")) {
      String prefix = obsPath.substring(0, obsPath.length() - 2);
      return pattern.equals(prefix) || pattern.startsWith(prefix + "/");
    }
    return pattern.equals(obsPath);
  }

  private static void conflict(
      String policy, String obsPath, String pattern, HandlerMethod handler) {
    String handlerName =
        handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
    if (policy.equals("obs")) {
      log.warn(
          "obs web: obs's {} shadows the Spring MVC mapping {} of {}; obs answers it as {}=obs",
          obsPath,
          pattern,
          handlerName,
          KEY);
      return;
    }
    throw new ObsConfigException(
        KEY,
        "obs path "
            + obsPath
            + " would shadow the Spring MVC mapping "
            + pattern
            + " of "
            + handlerName
            + "; set "
            + KEY
            + "=obs to let obs answer it, obs.web.base-path to move obs's endpoints, or"
            + " obs.web.exposure.exclude to turn the obs endpoint off");
  }
}
