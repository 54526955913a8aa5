package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretValueMaskerTest {
  private final SecretValueMasker masker =
      new SecretValueMasker(
          LoggingOptions.DEFAULT_MASK_FIELDS, List.of(Pattern.compile("\\d{16}")));

  @Test
  void masksBearerTokensJwtsPairsAndConfiguredPatterns() {
    assertThat(masker.mask("Authorization: Basic dXNlcjpwYXNz"))
        .isEqualTo("Authorization: Basic ****");
    assertThat(masker.mask("sent bearer abcdefgh.ijk_lmn-opq==")).isEqualTo("sent bearer ****");
    assertThat(masker.mask("set-cookie=SESSION=abc; Path=/")).isEqualTo("set-cookie=****; Path=/");
    assertThat(masker.mask("client_secret: 's3cr3t' db.password=\"pw\" apiKey=k1"))
        .isEqualTo("client_secret: '****' db.password=\"****\" apiKey=****");
    assertThat(masker.mask("card 4242424242424242 ok")).isEqualTo("card **** ok");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String text = "GET /users/42 took 12 ms: bearer of bad news, token count 3, passwordless=true";

    assertThat(masker.mask(text)).isSameAs(text);
  }

  @Test
  void pathologicalInputIsMaskedInLinearTime() {
    String manyJwtStarts = "eyJ".repeat(400_000);
    String longPair = "password" + " ".repeat(500_000) + "=" + "x".repeat(500_000);
    String manyBearers = "bearer ".repeat(150_000);

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThat(masker.mask(manyJwtStarts)).isEqualTo(manyJwtStarts);
          assertThat(masker.mask(longPair))
              .isEqualTo(longPair.replace("x".repeat(500_000), "****"));
          assertThat(masker.mask(manyBearers)).isEqualTo(manyBearers);
        });
  }
}
