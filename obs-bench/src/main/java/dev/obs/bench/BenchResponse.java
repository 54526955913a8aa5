package dev.obs.bench;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/** A reusable response that keeps its status and one header; reset per invocation. */
final class BenchResponse extends HttpServletResponseWrapper {
  private int status;
  private @Nullable String headerName;
  private @Nullable String headerValue;

  BenchResponse() {
    super(Unsupported.of(HttpServletResponse.class));
  }

  void recycle() {
    status = SC_OK;
    headerName = null;
    headerValue = null;
  }

  @Override
  public void setStatus(int sc) {
    status = sc;
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public boolean isCommitted() {
    return false;
  }

  @Override
  public void setHeader(String name, @Nullable String value) {
    headerName = name;
    headerValue = value;
  }

  @Override
  public @Nullable String getHeader(String name) {
    return name.equalsIgnoreCase(headerName) ? headerValue : null;
  }
}
