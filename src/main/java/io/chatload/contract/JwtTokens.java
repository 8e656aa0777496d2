package io.chatload.contract;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Access tokens as the platform's auth service issues them (PROTOCOL.md, "JWT"): HS256 over the
 * shared secret, claims {@code sub, email, permissions, iat, exp, type=access,
 * iss=netra-auth-service, jti}. Used by the reference target to sign and verify, and by the
 * simulations' {@code mint} auth mode.
 */
public final class JwtTokens {
  public static final String ISSUER = "netra-auth-service";
  public static final String ACCESS = "access";
  public static final String REFRESH = "refresh";
  public static final List<String> DEFAULT_PERMISSIONS = List.of("read", "write");
  public static final Duration ACCESS_TTL = Duration.ofSeconds(900);

  private final Algorithm algorithm;
  private final JWTVerifier accessVerifier;

  public JwtTokens(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the JWT signing secret is empty");
    }
    this.algorithm = Algorithm.HMAC256(secret);
    // require() pins HS256: a token with alg none or another algorithm fails verification
    this.accessVerifier =
        JWT.require(algorithm).withIssuer(ISSUER).withClaim("type", ACCESS).acceptLeeway(1).build();
  }

  public String mintAccess(String userId, String email, Instant now) {
    return mint(userId, email, ACCESS, now, ACCESS_TTL);
  }

  public String mint(String userId, String email, String type, Instant now, Duration ttl) {
    return mint(userId, email, DEFAULT_PERMISSIONS, type, now, ttl);
  }

  public String mint(
      String userId, String email, List<String> permissions, String type, Instant now, Duration ttl) {
    return JWT.create()
        .withSubject(userId)
        .withClaim("email", email)
        .withClaim("permissions", permissions)
        .withIssuedAt(now)
        .withExpiresAt(now.plus(ttl))
        .withClaim("type", type)
        .withIssuer(ISSUER)
        .withJWTId(UUID.randomUUID().toString())
        .sign(algorithm);
  }

  /**
   * Verifies an access token.
   *
   * @throws JWTVerificationException naming why it is refused (signature, algorithm, expiry,
   *     issuer, type)
   */
  public DecodedJWT verifyAccess(String token) {
    return accessVerifier.verify(token);
  }
}
