package dev.obs.samples.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver protocol, spoken as JSON over the
 * JDK's HTTP client. Each instance starts its own chromedriver on a free loopback port with a fresh
 * profile directory, and {@link #close()} ends the session and the process it started.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Process driver;
  private final Path profile;
  private final URI base;
  private String session;

  private Browser(Process driver, Path profile, URI base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
  }

  static Browser start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path profile = Files.createTempDirectory("obs-status-chromium-");
    Process driver =
        new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Browser browser = new Browser(driver, profile, URI.create("http://127.0.0.1:" + port));
    try {
      browser.awaitReady();
      browser.newSession();
    } catch (Exception | AssertionError e) {
      browser.close();
      throw e;
    }
    return browser;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      try {
        JsonNode status = call("GET", "/status", null);
        if (status.path("value").path("ready").asBoolean()) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!driver.isAlive()) {
        throw new AssertionError("chromedriver exited with " + driver.exitValue());
      }
      driver.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("chromedriver was not ready within 15 s at " + base);
  }

  private void newSession() throws Exception {
    ObjectNode options = json.createObjectNode();
    options.put("binary", CHROMIUM.toString());
    ArrayNode args = options.putArray("args");
    for (String arg :
        new String[] {
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1200,1800",
          "--user-data-dir=" + profile
        }) {
      args.add(arg);
    }
    ObjectNode body = json.createObjectNode();
    ObjectNode always = body.putObject("capabilities").putObject("alwaysMatch");
    always.put("browserName", "chrome");
    always.set("goog:chromeOptions", options);
    always.putObject("timeouts").put("pageLoad", 20_000).put("script", 10_000);
    JsonNode created = call("POST", "/session", body);
    session = created.path("value").path("sessionId").asText();
    if (session.isEmpty()) {
      throw new AssertionError("chromedriver did not create a session: " + created);
    }
  }

  void open(String url) throws Exception {
    ObjectNode body = json.createObjectNode().put("url", url);
    call("POST", "/session/" + session + "/url", body);
  }

  /** Runs a script in the page and returns its JSON result. */
  JsonNode script(String script) throws Exception {
    ObjectNode body = json.createObjectNode().put("script", script);
    body.putArray("args");
    return call("POST", "/session/" + session + "/execute/sync", body).path("value");
  }

  /** Polls a script until its result passes, for at most 10 seconds. */
  JsonNode await(String what, String script, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = script(script);
      if (done.test(last)) {
        return last;
      }
      driver.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("timed out after 10 s waiting until " + what + "; last: " + last);
  }

  void click(String css) throws Exception {
    ObjectNode find = json.createObjectNode().put("using", "css selector").put("value", css);
    String element =
        call("POST", "/session/" + session + "/element", find).path("value").path(ELEMENT).asText();
    call("POST", "/session/" + session + "/element/" + element + "/click", json.createObjectNode());
  }

  void screenshot(Path file) throws Exception {
    String png = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  private JsonNode call(String method, String path, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node = json.readTree(response.body());
    if (response.statusCode() >= 400) {
      throw new AssertionError(method + " " + path + " failed: " + response.body());
    }
    return node;
  }

  @Override
  public void close() throws Exception {
    try {
      if (session != null) {
        call("DELETE", "/session/" + session, null);
      }
    } finally {
      driver.destroy();
      if (!driver.waitFor(5, TimeUnit.SECONDS)) {
        driver.destroyForcibly();
      }
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
