package io.chatload.reference.auth;

import java.util.Optional;

/**
 * The platform's ways of letting a socket in without checking its token
 * ({@code auth_integration/auth_permissiveness.py}, beta-15+; PROTOCOL.md, "How real deployments
 * misbehave"). Off by default; on, every socket is accepted whatever its token says.
 */
public enum AuthBypass {
  /** Tokens are checked (the default). */
  OFF,
  /** {@code DEMO_MODE=1}, the platform's default outside production: every socket is {@code demo-user-001}. */
  DEMO,
  /**
   * The backend could not reach its auth service (or {@code EMERGENCY_MODE=1}): every socket is
   * {@code emergency_<unix seconds>}, shared by all who connect within the same second.
   */
  EMERGENCY;

  public static final String DEMO_USER_ID = "demo-user-001";
  static final String DEMO_EMAIL = "demo@example.com";
  static final String EMERGENCY_EMAIL = "emergency@system.local";

  /** Who a socket is, whatever its token: empty when tokens are checked. */
  public Optional<TokenIssuer.Principal> principal(long nowMillis) {
    return switch (this) {
      case OFF -> Optional.empty();
      case DEMO -> Optional.of(new TokenIssuer.Principal(DEMO_USER_ID, DEMO_EMAIL));
      case EMERGENCY -> Optional.of(new TokenIssuer.Principal("emergency_" + nowMillis / 1000, EMERGENCY_EMAIL));
    };
  }
}
