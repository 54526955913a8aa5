package dev.obs.spring;

import dev.obs.servlet.ObsFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Copies Spring MVC's best-matching pattern ({@code /users/{id}}) into {@link
 * ObsFilter#ROUTE_ATTRIBUTE}, so obs tags the request with the template it was mapped by rather
 * than a normalised path.
 *
 * <p>Static resources match the catch-all {@code /**}; a missing one (404) gets no route, so it is
 * counted as {@code NOT_FOUND} like any unmapped path rather than under {@code /**}.
 */
final class RouteInterceptor implements HandlerInterceptor {
  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof ResourceHttpRequestHandler)) {
      setRoute(request);
    }
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request,
      HttpServletResponse response,
      Object handler,
      @Nullable Exception ex) {
    if (handler instanceof ResourceHttpRequestHandler && response.getStatus() != 404) {
      setRoute(request);
    }
  }

  private static void setRoute(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern instanceof String route && !route.isEmpty()) {
      ObsFilter.setRoute(request, route);
    }
  }
}
