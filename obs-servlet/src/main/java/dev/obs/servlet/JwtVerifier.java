package dev.obs.servlet;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.obs.config.ObsConfig;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies JWT bearer tokens with Nimbus JOSE+JWT: HS256 with {@code obs.admin.jwt.secret}, or
 * RS256 and ES256 with the keys at {@code obs.admin.jwt.jwks-url} (fetched when first needed, kept
 * for {@code obs.admin.jwt.jwks-ttl}, fetched again for an unknown key id). The claims are checked
 * against the injected clock: {@code exp} is required, {@code nbf} is honoured, both with {@code
 * obs.admin.jwt.clock-skew}; {@code iss} and {@code aud} must match when configured. The claim
 * {@code obs.admin.jwt.claim} (a space-separated string or a list) grants write when it holds
 * {@code obs.admin.jwt.write-scope} and read when it holds {@code obs.admin.jwt.read-scope}.
 */
final class JwtVerifier {
  static final String PREFIX = "obs.admin.jwt.";
  private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Clock clock;
  private final @Nullable String issuer;
  private final @Nullable String audience;
  private final Duration skew;
  private final String claim;
  private final String readScope;
  private final String writeScope;

  private JwtVerifier(
      DefaultJWTProcessor<SecurityContext> processor,
      Clock clock,
      @Nullable String issuer,
      @Nullable String audience,
      Duration skew,
      String claim,
      String readScope,
      String writeScope) {
    this.processor = processor;
    this.clock = clock;
    this.issuer = issuer;
    this.audience = audience;
    this.skew = skew;
    this.claim = claim;
    this.readScope = readScope;
    this.writeScope = writeScope;
  }

  /** The verifier configured under {@code obs.admin.jwt.*}, or null when neither key source is. */
  static @Nullable JwtVerifier fromConfig(ObsConfig config, Clock clock) {
    String secret = config.get(PREFIX + "secret").filter(s -> !s.isEmpty()).orElse(null);
    String jwks = config.get(PREFIX + "jwks-url").filter(s -> !s.isEmpty()).orElse(null);
    if (secret == null && jwks == null) {
      return null;
    }
    if (secret != null && jwks != null) {
      throw ObsConfig.invalid(
          PREFIX + "secret",
          "(set)",
          "must not be set together with obs.admin.jwt.jwks-url; choose one key source");
    }
    JWSKeySelector<SecurityContext> selector;
    if (secret != null) {
      byte[] key = secret.getBytes(StandardCharsets.UTF_8);
      if (key.length < 32) {
        throw ObsConfig.invalid(
            PREFIX + "secret",
            "(" + key.length + " bytes)",
            "must be at least 32 bytes for HS256; generate one with openssl rand -hex 32");
      }
      // The one secret whatever key id a token names: issuers often set one, and there is no other.
      List<Key> keys = List.of(new SecretKeySpec(key, "HmacSHA256"));
      selector =
          (header, context) -> JWSAlgorithm.HS256.equals(header.getAlgorithm()) ? keys : List.of();
    } else {
      Duration ttl = config.duration(PREFIX + "jwks-ttl", Duration.ofMinutes(5));
      JWKSource<SecurityContext> source =
          JWKSourceBuilder.<SecurityContext>create(
                  url(jwks), new DefaultResourceRetriever(2000, 2000, 512 * 1024))
              .cache(ttl.toMillis(), 5000)
              .refreshAheadCache(false)
              .build();
      selector =
          new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), source);
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(selector);
    // Claims are checked below against the injected clock rather than the wall clock.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    return new JwtVerifier(
        processor,
        clock,
        config.get(PREFIX + "issuer").orElse(null),
        config.get(PREFIX + "audience").orElse(null),
        config.nonNegativeDuration(PREFIX + "clock-skew", Duration.ofSeconds(60)),
        config.string(PREFIX + "claim", "scope"),
        config.string(PREFIX + "read-scope", "obs:read"),
        config.string(PREFIX + "write-scope", "obs:write"));
  }

  private static URL url(String text) {
    try {
      URI uri = new URI(text);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        throw new MalformedURLException("not http");
      }
      return uri.toURL();
    } catch (java.net.URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw ObsConfig.invalid(
          PREFIX + "jwks-url", text, "must be an http or https URL like https://idp/jwks.json");
    }
  }

  /**
   * The subject of a valid token, with what its claim grants (null access when it grants neither),
   * or null when the token is not valid.
   */
  @Nullable AdminPrincipal verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException | BadJOSEException e) {
      log.debug("obs admin: JWT refused: {}", e.getMessage());
      return null;
    } catch (JOSEException e) {
      log.warn("obs admin: cannot verify a JWT: {}", e.getMessage());
      return null;
    }
    String problem = claimsProblem(claims);
    if (problem != null) {
      log.debug("obs admin: JWT refused: {}", problem);
      return null;
    }
    String subject = claims.getSubject() == null ? "unknown" : claims.getSubject();
    List<String> granted = scopes(claims);
    AdminGuard.Access access =
        granted.contains(writeScope)
            ? AdminGuard.Access.WRITE
            : granted.contains(readScope) ? AdminGuard.Access.READ : null;
    return new AdminPrincipal(subject, "jwt", access);
  }

  private @Nullable String claimsProblem(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return "no exp claim";
    }
    if (!now.isBefore(exp.toInstant().plus(skew))) {
      return "expired at " + exp.toInstant();
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      return "not valid before " + nbf.toInstant();
    }
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      return "issuer " + claims.getIssuer();
    }
    if (audience != null
        && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
      return "audience " + claims.getAudience();
    }
    return null;
  }

  private List<String> scopes(JWTClaimsSet claims) {
    Object value = claims.getClaim(claim);
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      for (String part : s.split(" ")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }
}
