package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteNormalizerTest {

  @ParameterizedTest
  @CsvSource({
    "/users/123, /users/{id}",
    "/users/123/orders/9, /users/{id}/orders/{id}",
    "/items/550e8400-e29b-41d4-a716-446655440000, /items/{id}",
    "/blobs/5d41402abc4b2a76b9719d911017c592, /blobs/{id}",
    "/t/aGVsbG8gd29ybGQ9X2Fi3c, /t/{id}",
    "/files/0123456789ABCDEF, /files/{id}",
    "/hello, /hello",
    "/users/me/settings, /users/me/settings",
    "/docs/authentication-settings, /docs/authentication-settings",
    "/assets/jquery-3.7.1.min.js, /assets/jquery-3.7.1.min.js",
    "/v2/api, /v2/api",
    "/a//b/, /a//b/",
    "/42/, /{id}/"
  })
  void replacesIdentifierLikeSegmentsOnly(String path, String expected) {
    assertThat(RouteNormalizer.normalize(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/hello", "/users/me/settings", "/a/b/c"})
  void returnsTheSamePathInstanceWhenNothingChanges(String path) {
    assertThat(RouteNormalizer.normalize(path)).isSameAs(path);
  }
}
