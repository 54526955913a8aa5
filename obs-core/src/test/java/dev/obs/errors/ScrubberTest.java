package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubberTest {
  private final Scrubber scrubber = new Scrubber(Scrubber.DEFAULT_FIELDS);

  @Test
  void sensitiveNamesMatchIgnoringCaseAndSeparators() {
    assertThat(scrubber.isSensitive("Authorization")).isTrue();
    assertThat(scrubber.isSensitive("X-CSRF-Token")).isTrue();
    assertThat(scrubber.isSensitive("apiKey")).isTrue();
    assertThat(scrubber.isSensitive("X-Api-Key")).isTrue();
    assertThat(scrubber.isSensitive("Set-Cookie")).isTrue();
    assertThat(scrubber.isSensitive("db_password")).isTrue();
    assertThat(scrubber.isSensitive("Accept")).isFalse();
    assertThat(scrubber.isSensitive("page")).isFalse();
  }

  @Test
  void sensitiveKeysAreRemovedFromNestedMapsAndLists() {
    Map<String, Object> inner = new HashMap<>(Map.of("password", "hunter2", "name", "ada"));
    List<Object> list = new ArrayList<>(List.of(new HashMap<>(Map.of("token", "t", "id", 1))));
    Map<String, Object> data = new HashMap<>(Map.of("user", inner, "items", list, "page", 2));

    scrubber.scrub(data);

    assertThat(data)
        .isEqualTo(
            Map.of("user", Map.of("name", "ada"), "items", List.of(Map.of("id", 1)), "page", 2));
  }

  @Test
  void queryValuesOfSensitiveParametersAreFiltered() {
    assertThat(scrubber.scrubQuery("page=2&access_token=abc&api_key=k&q=shoes"))
        .isEqualTo("page=2&access_token=[Filtered]&api_key=[Filtered]&q=shoes");
    assertThat(scrubber.scrubQuery(null)).isNull();
    assertThat(scrubber.scrubQuery("flag")).isEqualTo("flag");
  }

  @Test
  void pairsInTextAreMasked() {
    assertThat(scrubber.scrubText("login failed for password=hunter2 user=ada"))
        .isEqualTo("login failed for password=[Filtered] user=ada");
    assertThat(scrubber.scrubText("Authorization: Bearer")).isEqualTo("Authorization: [Filtered]");
    assertThat(scrubber.scrubText("nothing here")).isEqualTo("nothing here");
  }

  @Test
  void configuredFieldsReplaceTheDefaults() {
    Scrubber custom = new Scrubber(List.of("ssn"));
    assertThat(custom.isSensitive("customer_ssn")).isTrue();
    assertThat(custom.isSensitive("password")).isFalse();
  }
}
