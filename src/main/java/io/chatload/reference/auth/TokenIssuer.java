package io.chatload.reference.auth;

import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.chatload.contract.JwtTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issues and checks the target's tokens, on top of the contract's {@link JwtTokens}. */
public final class TokenIssuer {
  private static final Duration REFRESH_TTL = Duration.ofDays(7);

  public record Tokens(String access, String refresh) {}

  public record Principal(String userId, String email) {}

  private final JwtTokens jwt;

  public TokenIssuer(String secret) {
    this.jwt = new JwtTokens(secret);
  }

  public Tokens issue(String userId, String email, List<String> permissions) {
    Instant now = Instant.now();
    return new Tokens(
        jwt.mint(userId, email, permissions, JwtTokens.ACCESS, now, JwtTokens.ACCESS_TTL),
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
}
