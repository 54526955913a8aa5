package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void markupAndQuotesAreEscaped() {
    assertThat(Html.escape("<script>alert('x') & \"y\"</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  }

  @Test
  void plainTextAndNullPassThrough() {
    String plain = "Database 数据库 데이터베이스";
    assertThat(Html.escape(plain)).isSameAs(plain);
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.escape("a&b")).isEqualTo("a&amp;b");
    assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
  }
}
