package dev.obs.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A reusable GET request: fixed method, context path and request-id header, a URI set per
 * invocation, and attributes in a small array so that neither reads nor writes allocate. Methods
 * the filters do not call throw (see {@link Unsupported}).
 */
final class BenchRequest extends HttpServletRequestWrapper {
  static final String REQUEST_ID_HEADER = "X-Request-ID";
  static final String VALID_REQUEST_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final String contextPath;
  private final @Nullable String requestId;
  private final @Nullable Object[] attributes = new Object[16]; // key, value, key, value, ...
  private String uri = "/";

  BenchRequest(String contextPath, @Nullable String requestId) {
    super(Unsupported.of(HttpServletRequest.class));
    this.contextPath = contextPath;
    this.requestId = requestId;
  }

  /** Starts a new request to the given URI with no attributes. */
  void recycle(String uri) {
    this.uri = uri;
    Arrays.fill(attributes, null);
  }

  @Override
  public String getMethod() {
    return "GET";
  }

  @Override
  public String getRequestURI() {
    return uri;
  }

  @Override
  public String getContextPath() {
    return contextPath;
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }

  @Override
  public @Nullable String getHeader(String name) {
    return REQUEST_ID_HEADER.equalsIgnoreCase(name) ? requestId : null;
  }

  @Override
  public @Nullable Object getAttribute(String name) {
    int i = indexOf(name);
    return i < 0 ? null : attributes[i + 1];
  }

  @Override
  public void setAttribute(String name, @Nullable Object value) {
    if (value == null) {
      removeAttribute(name);
      return;
    }
    int i = indexOf(name);
    if (i < 0) {
      i = indexOf(null);
      if (i < 0) {
        throw new IllegalStateException("BenchRequest holds at most 8 attributes");
      }
      attributes[i] = name;
    }
    attributes[i + 1] = value;
  }

  @Override
  public void removeAttribute(String name) {
    int i = indexOf(name);
    if (i >= 0) {
      attributes[i] = null;
      attributes[i + 1] = null;
    }
  }

  private int indexOf(@Nullable String name) {
    for (int i = 0; i < attributes.length; i += 2) {
      Object key = attributes[i];
      if (name == null ? key == null : name.equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
