package dev.obs.errors;

import dev.obs.http.HttpRequestView;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request view with fixed values. */
record FakeRequest(
    String method,
    String path,
    String url,
    @Nullable String query,
    Map<String, String> headers,
    @Nullable String remoteAddress,
    long contentLength,
    @Nullable String userPrincipal)
    implements HttpRequestView {

  static FakeRequest get(String path) {
    return new FakeRequest(
        "GET", path, "http://shop.test" + path, null, Map.of(), "10.0.0.7", -1, null);
  }

  @Override
  public @Nullable String header(String name) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  @Override
  public Iterable<String> headerNames() {
    return headers.keySet();
  }
}
