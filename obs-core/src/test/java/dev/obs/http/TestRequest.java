package dev.obs.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request view with the headers a test gives it, for the tests of every package. */
public final class TestRequest implements HttpRequestView {
  private final String method;
  private final String path;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private TestRequest(String method, String path) {
    this.method = method;
    this.path = path;
  }

  public static TestRequest get(String path) {
    return new TestRequest("GET", path);
  }

  public static TestRequest of(String method, String path) {
    return new TestRequest(method, path);
  }

  public TestRequest header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String url() {
    return "http://shop.example:8080" + path;
  }

  @Override
  public @Nullable String query() {
    return null;
  }

  @Override
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
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
  public long contentLength() {
    return -1;
  }

  @Override
  public @Nullable String userPrincipal() {
    return null;
  }
}
