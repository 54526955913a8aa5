package dev.obs.servlet;

import dev.obs.http.HttpRequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Collections;
import org.jspecify.annotations.Nullable;

/** Presents a servlet request to tracing and error reporting. */
final class ServletRequestView implements HttpRequestView {
  private final HttpServletRequest request;
  private final String path;

  ServletRequestView(HttpServletRequest request, String path) {
    this.request = request;
    this.path = path;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String url() {
    return request.getRequestURL().toString();
  }

  @Override
  public @Nullable String query() {
    return request.getQueryString();
  }

  @Override
  public @Nullable String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public Iterable<String> headerNames() {
    return Collections.list(request.getHeaderNames());
  }

  @Override
  public @Nullable String remoteAddress() {
    return request.getRemoteAddr();
  }

  @Override
  public long contentLength() {
    return request.getContentLengthLong();
  }

  @Override
  public @Nullable String userPrincipal() {
    Principal principal = request.getUserPrincipal();
    return principal == null ? null : principal.getName();
  }
}
