package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class StatusLanguagesTest {
  @Test
  void theQueryParameterWinsOverTheHeader() {
    assertThat(StatusLanguages.choose("ko", "es-ES,es;q=0.9")).isEqualTo("ko");
    assertThat(StatusLanguages.choose("xx", "es-ES,es;q=0.9")).isEqualTo("es");
  }

  @Test
  void theHeaderIsMatchedByWeightAndChineseByScriptOrRegion() {
    assertThat(StatusLanguages.choose(null, "fr;q=1, pt-BR;q=0.8, en;q=0.5")).isEqualTo("pt");
    assertThat(StatusLanguages.choose(null, "zh-Hant-TW")).isEqualTo("zh-TW");
    assertThat(StatusLanguages.choose(null, "zh-HK,zh;q=0.8")).isEqualTo("zh-TW");
    assertThat(StatusLanguages.choose(null, "zh-CN")).isEqualTo("zh-CN");
    assertThat(StatusLanguages.choose(null, "zh")).isEqualTo("zh-CN");
    assertThat(StatusLanguages.choose(null, "de, fr")).isEqualTo("en");
    assertThat(StatusLanguages.choose(null, ";;;not a header")).isEqualTo("en");
    assertThat(StatusLanguages.choose(null, null)).isEqualTo("en");
  }

  @Test
  void everyLanguageFileHasEveryKeyOfTheEnglishOne() throws Exception {
    Properties en = load("status.properties");
    for (String tag : StatusLanguages.NAMES.keySet()) {
      if (tag.equals("en")) {
        continue;
      }
      Properties translated = load("status_" + tag.replace('-', '_') + ".properties");
      assertThat(translated.stringPropertyNames()).as(tag).isEqualTo(en.stringPropertyNames());
      ResourceBundle bundle = StatusLanguages.bundle(tag);
      assertThat(bundle.getString("banner.UP")).isEqualTo(translated.getProperty("banner.UP"));
    }
    assertThat(StatusLanguages.bundle("en").getString("banner.UP"))
        .isEqualTo("All systems operational");
  }

  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (InputStream in = StatusLanguages.class.getResourceAsStream(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
