package dev.obs.http;

import org.jspecify.annotations.Nullable;

/**
 * A read-only view of an incoming request, given by an adapter to tracing and error reporting so
 * that neither depends on a web framework. Header names are case-insensitive.
 */
public interface HttpRequestView {
  /**
   * Returns the request method.
   *
   * @return the method, such as {@code GET}
   */
  String method();

  /**
   * Returns the path within the application, without the query string.
   *
   * @return the path, such as {@code /users/7}
   */
  String path();

  /**
   * Returns the full URL without the query string, which may carry secrets.
   *
   * @return the URL, such as {@code https://shop.example/users/7}
   */
  String url();

  /**
   * Returns the raw query string; consumers must scrub it before sending it anywhere.
   *
   * @return the query without {@code ?}, or {@code null} when there is none
   */
  @Nullable String query();

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the value, or {@code null} when absent
   */
  @Nullable String header(String name);

  /**
   * Returns the names of the headers present.
   *
   * @return the header names
   */
  Iterable<String> headerNames();

  /**
   * Returns the address of the client as the server saw it.
   *
   * @return the address, or {@code null} when unknown
   */
  @Nullable String remoteAddress();

  /**
   * Returns the request body's declared length.
   *
   * @return the length in bytes, or -1 when unknown
   */
  long contentLength();

  /**
   * Returns the authenticated user's name as the container knows it.
   *
   * @return the principal's name, or {@code null} when not authenticated
   */
  @Nullable String userPrincipal();
}
