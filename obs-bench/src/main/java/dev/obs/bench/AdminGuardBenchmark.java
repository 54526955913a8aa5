package dev.obs.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.obs.config.ObsConfig;
import dev.obs.servlet.AdminGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the {@link AdminGuard} costs for an authorised read: a named bearer token among three, a
 * Basic user whose bcrypt check is served from the verified-credential cache, and an HS256 JWT (the
 * signature is checked on every request; only keys are cached). The target is under 1 µs for bearer
 * and Basic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AdminGuardBenchmark {
  private static final String SECRET = "a-benchmark-hs256-secret-of-32-bytes-or-more";

  private AdminGuard guard;
  private GuardRequest bearer;
  private GuardRequest basic;
  private GuardRequest jwt;
  private final BenchResponse response = new BenchResponse();

  @Setup
  public void setup() throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put("obs.admin.tokens.ci.token", "ci-token-0123456789abcdef");
    config.put("obs.admin.tokens.grafana.token", "grafana-token-0123456789abcdef");
    config.put("obs.admin.tokens.ops.token", "ops-token-0123456789abcdef");
    config.put(
        "obs.admin.users.prometheus.password-hash",
        BCrypt.withDefaults().hashToString(10, "scrape-password".toCharArray()));
    config.put("obs.admin.users-cache-ttl", "1h");
    config.put("obs.admin.jwt.secret", SECRET);
    guard =
        AdminGuard.fromConfig(ObsConfig.of(config), new SimpleMeterRegistry(), Clock.systemUTC());

    bearer = new GuardRequest("Bearer ops-token-0123456789abcdef");
    basic =
        new GuardRequest(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("prometheus:scrape-password".getBytes(StandardCharsets.UTF_8)));
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("alice")
            .expirationTime(Date.from(Instant.now().plusSeconds(24 * 3600)))
            .claim("scope", "obs:read")
            .build();
    SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    token.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    jwt = new GuardRequest("Bearer " + token.serialize());
    // The first Basic check runs bcrypt and fills the cache; the measured ones read it.
    if (!guard.permits(basic) || !guard.permits(bearer) || !guard.permits(jwt)) {
      throw new IllegalStateException("the benchmark's credentials are not admitted");
    }
  }

  @Benchmark
  public boolean bearerToken() throws IOException {
    return guard.admit(bearer, response, AdminGuard.Access.READ);
  }

  @Benchmark
  public boolean basicCached() throws IOException {
    return guard.admit(basic, response, AdminGuard.Access.READ);
  }

  @Benchmark
  public boolean jwtHs256() throws IOException {
    return guard.admit(jwt, response, AdminGuard.Access.READ);
  }

  /** A GET from loopback with one Authorization header; the guard sets one attribute. */
  static final class GuardRequest extends HttpServletRequestWrapper {
    private final String authorization;
    private @Nullable Object principal;

    GuardRequest(String authorization) {
      super(Unsupported.of(HttpServletRequest.class));
      this.authorization = authorization;
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public String getRemoteAddr() {
      return "127.0.0.1";
    }

    @Override
    public @Nullable String getHeader(String name) {
      return "Authorization".equalsIgnoreCase(name) ? authorization : null;
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
      principal = value;
    }

    @Override
    public @Nullable Object getAttribute(String name) {
      return principal;
    }
  }
}
