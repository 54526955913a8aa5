package dev.obs.testkit;

import dev.obs.http.HttpRequestView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request view with fixed values, for driving ErrorReporter directly. */
record TestRequest(
    String method,
    String path,
    String url,
    @Nullable String query,
    Map<String, String> headers,
    long contentLength)
    implements HttpRequestView {

  static TestRequest get(String path) {
    return new TestRequest("GET", path, "http://shop.test" + path, null, Map.of(), -1);
  }

  TestRequest withQuery(String q) {
    return new TestRequest(method, path, url, q, headers, contentLength);
  }

  TestRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new TestRequest(method, path, url, query, h, contentLength);
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

  @Override
  public @Nullable String remoteAddress() {
    return "10.0.0.7";
  }

  @Override
  public @Nullable String userPrincipal() {
    return "ada@example.com";
  }
}
