package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.testkit.LogCapture;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of credential the {@link AdminGuard} accepts, over real HTTP to Jetty: named bearer
 * tokens, Basic users with bcrypt hashes, JWTs signed with HS256 or with key pairs the test makes
 * and serves as a JWKS from a loopback server, and the IP allow-list; with the audit line and meter
 * of every write.
 */
class AdminCredentialsIT {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String HS_SECRET = "an-hs256-secret-of-at-least-32-bytes!";

  private final ManualClock clock = new ManualClock(NOW);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestServer server;
  private HttpServer jwks;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (jwks != null) {
      jwks.stop(0);
    }
  }

  /** Creates a thing on POST (201, audited with its id) and reads on GET. */
  private static final class Things extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AdminGuard guard;

    Things(AdminGuard guard) {
      this.guard = guard;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res)
        throws ServletException, IOException {
      guard.serve(req, res, "things", () -> super.service(req, res));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.getWriter().write("read");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
      AdminGuard.describe(req, "thing.create", "t-1");
      res.setStatus(201);
      res.getWriter().write("created");
    }
  }

  private AdminGuard start(Map<String, String> config) throws Exception {
    AdminGuard guard = AdminGuard.fromConfig(ObsConfig.of(config), registry, clock);
    server = TestServer.start(c -> c.addServlet(new ServletHolder(new Things(guard)), "/things"));
    return guard;
  }

  private HttpResponse<String> send(String method, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri("/things"))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return server.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private double counted(String action, String result) {
    var counter =
        registry.find("obs.admin.requests").tag("action", action).tag("result", result).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void namedTokensRotateAndTheAuditLineNamesTheToken() throws Exception {
    start(
        Map.of(
            "obs.admin.tokens.old.token", "old-token-0123456789",
            "obs.admin.tokens.new.token", "new-token-0123456789"));

    try (LogCapture audit = LogCapture.logger("obs.audit")) {
      assertThat(send("POST", "Authorization", "Bearer old-token-0123456789").statusCode())
          .isEqualTo(201);
      assertThat(send("POST", "Authorization", "Bearer new-token-0123456789").statusCode())
          .isEqualTo(201);
      server.awaitHandled(2, "both writes are handled");

      List<Map<String, Object>> events = audit.events();
      assertThat(events).hasSize(2);
      assertThat(events.get(0).get("message"))
          .isEqualTo(
              "obs audit: action=thing.create target=t-1 principal=bearer:old client=127.0.0.1"
                  + " result=ok");
      assertThat(events.get(1).get("message")).asString().contains("principal=bearer:new");
    }
    assertThat(counted("thing.create", "ok")).isEqualTo(2);
  }

  @Test
  void aReadOnlyTokenReadsButCannotWrite() throws Exception {
    start(
        Map.of(
            "obs.admin.tokens.grafana.token", "grafana-token-0123456789",
            "obs.admin.tokens.grafana.access", "read"));

    assertThat(send("GET", "Authorization", "Bearer grafana-token-0123456789").statusCode())
        .isEqualTo(200);
    HttpResponse<String> write = send("POST", "Authorization", "Bearer grafana-token-0123456789");

    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body())
        .isEqualTo(
            "{\"error\":\"forbidden\",\"message\":\"the credential bearer:grafana grants read"
                + " access; this request needs write\"}");
    server.awaitHandled(2, "the read and the refused write are handled");
    assertThat(counted("things.post", "forbidden")).isEqualTo(1);
  }

  @Test
  void aShortNamedTokenIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AdminGuard.fromConfig(ObsConfig.of(Map.of("obs.admin.tokens.ci.token", "short"))))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.admin.tokens.ci.token must be at least 16 characters long; generate one with"
                + " openssl rand -hex 32, got '(5 characters)'");
  }

  @Test
  void basicUsersWithBcryptHashesAreAdmittedAndAWrongPasswordIsNot() throws Exception {
    String hash = BCrypt.withDefaults().hashToString(6, "scrape-pw".toCharArray());
    start(
        Map.of(
            "obs.admin.users.prometheus.password-hash",
            hash,
            "obs.admin.users.prometheus.access",
            "read"));

    HttpResponse<String> ok = send("GET", "Authorization", basic("prometheus", "scrape-pw"));
    HttpResponse<String> wrong = send("GET", "Authorization", basic("prometheus", "guess"));
    HttpResponse<String> unknown = send("GET", "Authorization", basic("mallory", "scrape-pw"));

    assertThat(ok.statusCode()).isEqualTo(200);
    for (HttpResponse<String> refused : List.of(wrong, unknown)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().allValues("WWW-Authenticate"))
          .containsExactly("Basic realm=\"obs\", charset=\"UTF-8\", Bearer realm=\"obs\"");
      assertThat(refused.body())
          .isEqualTo(
              "{\"error\":\"unauthorized\",\"message\":\"a valid credential is required for the"
                  + " admin API\"}");
    }
  }

  @Test
  void aVerifiedBasicCredentialIsRememberedForTheCacheTtlOnly() {
    String hash = BCrypt.withDefaults().hashToString(6, "pw".toCharArray());
    BasicUsers users =
        BasicUsers.fromConfig(
            ObsConfig.of(
                Map.of(
                    "obs.admin.users.ops.password-hash", hash, "obs.admin.users-cache-ttl", "60s")),
            clock);

    assertThat(users.verify("ops", "pw")).isNotNull();
    assertThat(users.verify("ops", "pw")).isNotNull();
    assertThat(users.hashesRun()).as("the second check is served from the cache").isEqualTo(1);
    assertThat(users.verify("ops", "wrong")).isNull();
    assertThat(users.verify("ops", "wrong")).isNull();
    assertThat(users.hashesRun()).as("wrong passwords are never cached").isEqualTo(3);

    clock.advance(Duration.ofSeconds(61));
    assertThat(users.verify("ops", "pw")).isNotNull();
    assertThat(users.hashesRun()).as("an expired entry is verified again").isEqualTo(4);
  }

  @Test
  void aPlainTextPasswordIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                AdminGuard.fromConfig(
                    ObsConfig.of(Map.of("obs.admin.users.ops.password-hash", "hunter2"))))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.admin.users.ops.password-hash must be a bcrypt hash ($2y$…, from htpasswd -nbB)"
                + " or $pbkdf2-sha256$<iterations>$<salt>$<hash>; plain-text passwords are not"
                + " accepted, got 'hunter2'");
  }

  @Test
  void pbkdf2HashesFromTheJdkAreAccepted() throws Exception {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    javax.crypto.spec.PBEKeySpec spec =
        new javax.crypto.spec.PBEKeySpec("pw".toCharArray(), salt, 10_000, 256);
    byte[] derived =
        javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
    String hash =
        "$pbkdf2-sha256$10000$"
            + Base64.getEncoder().encodeToString(salt)
            + "$"
            + Base64.getEncoder().encodeToString(derived);
    start(Map.of("obs.admin.users.ops.password-hash", hash));

    assertThat(send("POST", "Authorization", basic("ops", "pw")).statusCode()).isEqualTo(201);
    assertThat(send("POST", "Authorization", basic("ops", "pq")).statusCode()).isEqualTo(401);
  }

  // --- JWT ---

  private static JWTClaimsSet.Builder claims(Instant expiry) {
    return new JWTClaimsSet.Builder()
        .subject("alice")
        .issuer("https://idp.example")
        .audience("obs")
        .expirationTime(Date.from(expiry));
  }

  private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  /** Serves the public keys on loopback and counts the fetches. */
  private String serveJwks(JWKSet keys, AtomicInteger fetches) throws IOException {
    jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = keys.toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    jwks.start();
    return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
  }

  private Map<String, String> jwtConfig(String jwksUrl) {
    Map<String, String> config = new HashMap<>();
    config.put("obs.admin.jwt.jwks-url", jwksUrl);
    config.put("obs.admin.jwt.issuer", "https://idp.example");
    config.put("obs.admin.jwt.audience", "obs");
    config.put("obs.admin.jwt.clock-skew", "30s");
    return config;
  }

  @Test
  void jwtsSignedWithKeysFromAJwksEndpointAreVerifiedAndTheKeysCached() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    AtomicInteger fetches = new AtomicInteger();
    start(jwtConfig(serveJwks(new JWKSet(List.of(rsa, ec)), fetches)));
    Instant later = NOW.plus(Duration.ofMinutes(10));

    String writer =
        sign(
            new RSASSASigner(rsa),
            JWSAlgorithm.RS256,
            "rsa-1",
            claims(later).claim("scope", "openid obs:write").build());
    String reader =
        sign(
            new ECDSASigner(ec),
            JWSAlgorithm.ES256,
            "ec-1",
            claims(later).claim("scope", List.of("obs:read")).build());

    try (LogCapture audit = LogCapture.logger("obs.audit")) {
      assertThat(send("POST", "Authorization", "Bearer " + writer).statusCode()).isEqualTo(201);
      server.awaitHandled(1, "the write is handled");
      assertThat(audit.events().get(0).get("message")).asString().contains("principal=jwt:alice");
    }
    assertThat(send("GET", "Authorization", "Bearer " + reader).statusCode()).isEqualTo(200);
    HttpResponse<String> readerWrites = send("POST", "Authorization", "Bearer " + reader);
    assertThat(readerWrites.statusCode()).isEqualTo(403);
    assertThat(readerWrites.body())
        .isEqualTo(
            "{\"error\":\"forbidden\",\"message\":\"the credential jwt:alice grants read access;"
                + " this request needs write\"}");
    assertThat(fetches.get()).as("the key set is fetched once and cached").isEqualTo(1);
  }

  @Test
  void expiredWrongAudienceWrongIssuerAndForeignKeyTokensAreRefused() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    start(jwtConfig(serveJwks(new JWKSet(rsa), new AtomicInteger())));
    RSASSASigner signer = new RSASSASigner(rsa);
    JWTClaimsSet valid = claims(NOW.plusSeconds(600)).claim("scope", "obs:write").build();

    Map<String, String> refused =
        Map.of(
            "expired beyond the skew",
            sign(
                signer,
                JWSAlgorithm.RS256,
                "rsa-1",
                claims(NOW.minusSeconds(31)).claim("scope", "obs:write").build()),
            "wrong audience",
            sign(
                signer,
                JWSAlgorithm.RS256,
                "rsa-1",
                new JWTClaimsSet.Builder(valid).audience("billing").build()),
            "wrong issuer",
            sign(
                signer,
                JWSAlgorithm.RS256,
                "rsa-1",
                new JWTClaimsSet.Builder(valid).issuer("https://evil.example").build()),
            "no expiry",
            sign(
                signer,
                JWSAlgorithm.RS256,
                "rsa-1",
                new JWTClaimsSet.Builder(valid).expirationTime(null).build()),
            "signed by another key",
            sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1", valid));

    refused.forEach(
        (why, token) -> {
          try {
            HttpResponse<String> response = send("POST", "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(why).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                .as(why)
                .contains("Bearer realm=\"obs\"");
          } catch (Exception e) {
            throw new AssertionError(why, e);
          }
        });
    String withinSkew =
        sign(
            signer,
            JWSAlgorithm.RS256,
            "rsa-1",
            claims(NOW.minusSeconds(29)).claim("scope", "obs:write").build());
    assertThat(send("POST", "Authorization", "Bearer " + withinSkew).statusCode())
        .as("expired less than the clock skew ago")
        .isEqualTo(201);
  }

  @Test
  void hs256TokensAreVerifiedWithTheSecretAndAScopelessTokenGrantsNothing() throws Exception {
    start(
        Map.of(
            "obs.admin.jwt.secret", HS_SECRET,
            "obs.admin.jwt.claim", "roles",
            "obs.admin.jwt.write-scope", "ops"));
    MACSigner signer = new MACSigner(HS_SECRET.getBytes(StandardCharsets.UTF_8));
    Instant later = NOW.plusSeconds(600);

    String ops =
        sign(signer, JWSAlgorithm.HS256, "k", claims(later).claim("roles", List.of("ops")).build());
    String none = sign(signer, JWSAlgorithm.HS256, "k", claims(later).build());

    assertThat(send("POST", "Authorization", "Bearer " + ops).statusCode()).isEqualTo(201);
    HttpResponse<String> scopeless = send("GET", "Authorization", "Bearer " + none);
    assertThat(scopeless.statusCode()).isEqualTo(403);
    assertThat(scopeless.body())
        .isEqualTo(
            "{\"error\":\"forbidden\",\"message\":\"the credential jwt:alice grants no access;"
                + " this request needs read\"}");
  }

  // --- networks ---

  @Test
  void callersOutsideTheAllowListAreRefusedEvenWithAValidToken() throws Exception {
    start(
        Map.of(
            "obs.admin.token", "s3cret",
            "obs.admin.allow-from", "10.0.0.0/8, 192.168.1.0/24"));

    HttpResponse<String> response = send("GET", "Authorization", "Bearer s3cret");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"forbidden\",\"message\":\"the client address 127.0.0.1 is not in"
                + " obs.admin.allow-from\"}");
  }

  @Test
  void callersInsideTheAllowListAreAdmitted() throws Exception {
    start(Map.of("obs.admin.token", "s3cret", "obs.admin.allow-from", "::1/128,127.0.0.0/8"));

    assertThat(send("GET", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
    assertThat(send("GET").statusCode()).isEqualTo(401);
  }

  @Test
  void anInvalidAllowListFailsAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                AdminGuard.fromConfig(
                    ObsConfig.of(
                        Map.of("obs.admin.token", "t", "obs.admin.allow-from", "10.0.0.0/33"))))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.admin.allow-from must give a prefix length between 0 and 32 after the '/', got"
                + " '10.0.0.0/33'");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                AdminGuard.fromConfig(
                    ObsConfig.of(
                        Map.of("obs.admin.token", "t", "obs.admin.allow-from", "intranet"))))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.admin.allow-from must list CIDR blocks like 10.0.0.0/8 or ::1/128, separated by"
                + " commas, got 'intranet'");
  }
}
