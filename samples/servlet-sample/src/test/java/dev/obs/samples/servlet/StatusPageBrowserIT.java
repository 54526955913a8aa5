package dev.obs.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Loads the sample's {@code /status} in headless Chromium: the banner, both components with their
 * bars, an incident created through the admin API, the response-time chart drawn by Chart.js, and a
 * switch to Spanish through the language menu. Screenshots are kept in {@code target/}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StatusPageBrowserIT {
  private static final String TOKEN = "browser-test-token";
  private final HttpClient client =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private SampleApp app;
  private Browser browser;

  @BeforeEach
  void start() throws Exception {
    if (!Files.isExecutable(Browser.CHROMEDRIVER) || !Files.isExecutable(Browser.CHROMIUM)) {
      String why = "chromium and chromedriver are needed at /usr/bin";
      if ("1".equals(System.getenv("OBS_REQUIRE_SERVICES"))) {
        fail(why + "; OBS_REQUIRE_SERVICES=1 requires them");
      }
      Assumptions.abort(why + "; skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
    }
    System.setProperty("obs.admin.token", TOKEN);
    app = SampleApp.start(0);
    browser = Browser.start();
  }

  @AfterEach
  void stop() throws Exception {
    System.clearProperty("obs.admin.token");
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  @Test
  void theStatusPageRendersItsPartsAndSwitchesLanguage() throws Exception {
    for (int i = 0; i < 20; i++) {
      client.send(
          HttpRequest.newBuilder(uri("/hello")).build(), HttpResponse.BodyHandlers.ofString());
    }
    client.send(
        HttpRequest.newBuilder(uri("/users/7")).build(), HttpResponse.BodyHandlers.ofString());
    // Sample the minute now instead of waiting for the minute boundary.
    app.history().tick();
    HttpResponse<String> created =
        client.send(
            HttpRequest.newBuilder(uri("/obs/admin/incidents"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Slow sign-in\",\"state\":\"investigating\","
                            + "\"message\":\"Sign-in takes longer than usual.\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);

    browser.open(uri("/status").toString());

    JsonNode page =
        browser.await(
            "the chart is drawn",
            "var f = document.querySelector('#latency-24h');"
                + "var c = f && f.querySelector('canvas');"
                + "return {lang: document.documentElement.lang,"
                + " banner: document.querySelector('#banner').textContent.trim(),"
                + " components: Array.from(document.querySelectorAll('.component h3'))"
                + "   .map(function (h) { return h.textContent; }),"
                + " bars: document.querySelectorAll('.component .bar').length,"
                + " incidents: document.querySelector('#incidents-h').parentElement.textContent,"
                + " chart: f && f.getAttribute('data-chart'),"
                + " hasChart: typeof Chart !== 'undefined',"
                + " width: c ? c.width : 0};",
            v -> "rendered".equals(v.path("chart").asText()) && v.path("width").asInt() > 0);
    assertThat(page.path("lang").asText()).isEqualTo("en");
    assertThat(page.path("banner").asText())
        .isIn("✔ All systems operational", "! Some systems are degraded");
    assertThat(page.path("components").toString()).isEqualTo("[\"Storage\",\"Application\"]");
    assertThat(page.path("bars").asInt()).isEqualTo(180);
    assertThat(page.path("incidents").asText())
        .contains("Slow sign-in", "Investigating", "Sign-in takes longer than usual.");
    browser.screenshot(Path.of("target", "status-page-en.png"));

    browser.click("a[hreflang='es']");
    JsonNode spanish =
        browser.await(
            "the Spanish page is shown",
            "return {lang: document.documentElement.lang,"
                + " h1: document.querySelector('h1').textContent,"
                + " heading: document.querySelector('#components-h').textContent};",
            v -> "es".equals(v.path("lang").asText()));
    assertThat(spanish.path("h1").asText()).isEqualTo("Estado del servicio");
    assertThat(spanish.path("heading").asText()).isEqualTo("Componentes");
    browser.screenshot(Path.of("target", "status-page-es.png"));
    assertThat(Files.size(Path.of("target", "status-page-en.png"))).isGreaterThan(10_000);
  }
}
