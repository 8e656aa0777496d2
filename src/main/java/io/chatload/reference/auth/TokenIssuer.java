package io.chatload.reference.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.chatload.contract.JwtTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issues, checks and refreshes the target's tokens, on top of the contract's {@link JwtTokens}. */
public final class TokenIssuer {
  private static final Duration REFRESH_TTL = Duration.ofDays(7);

  public record Tokens(String access, String refresh) {}

  public record Principal(String userId, String email) {}

  private final JwtTokens jwt;
  private final Duration accessTtl;
  private final JWTVerifier refreshVerifier;

  /** Access tokens as long-lived as the real login's ({@link JwtTokens#ACCESS_TTL}). */
  public TokenIssuer(String secret) {
    this(secret, JwtTokens.ACCESS_TTL);
  }

  public TokenIssuer(String secret, Duration accessTtl) {
    this.jwt = new JwtTokens(secret);
    this.accessTtl = accessTtl;
    // same pins as the access verifier (HS256, issuer), but only type=refresh passes
    this.refreshVerifier =
        JWT.require(Algorithm.HMAC256(secret))
            .withIssuer(JwtTokens.ISSUER)
            .withClaim("type", JwtTokens.REFRESH)
            .acceptLeeway(1)
            .build();
  }

  /** Seconds an access token issued now stays valid ({@code expires_in}). */
  public long accessTtlSeconds() {
    return accessTtl.toSeconds();
  }

  public Tokens issue(String userId, String email, List<String> permissions) {
    Instant now = Instant.now();
    return new Tokens(
        jwt.mint(userId, email, permissions, JwtTokens.ACCESS, now, accessTtl),
        jwt.mint(userId, email, permissions, JwtTokens.REFRESH, now, REFRESH_TTL));
  }

  /** The token's user if it is a valid access token; empty otherwise (the reason is not exposed). */
  public Optional<Principal> verify(String token) {
    try {
      DecodedJWT d = jwt.verifyAccess(token);
      if (d.getSubject() == null || d.getSubject().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Principal(d.getSubject(), d.getClaim("email").asString()));
    } catch (JWTVerificationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A new access + refresh pair for the user of a valid refresh token (same email and
   * permissions); empty if the token is not a valid, unexpired refresh token.
   */
  public Optional<Tokens> refresh(String refreshToken) {
    try {
      DecodedJWT d = refreshVerifier.verify(refreshToken);
      if (d.getSubject() == null || d.getSubject().isEmpty()) {
        return Optional.empty();
      }
      List<String> permissions = d.getClaim("permissions").asList(String.class);
      return Optional.of(
          issue(d.getSubject(), d.getClaim("email").asString(),
              permissions == null ? JwtTokens.DEFAULT_PERMISSIONS : permissions));
    } catch (JWTVerificationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
