package io.chatload.config;

/** How a virtual user obtains its access token (PROTOCOL.md, "Auth service"). */
public enum AuthMode {
  /** POST /auth/login with the feeder's email and password. */
  LOGIN,
  /** POST /auth/e2e/test-auth with the bypass key from env E2E_OAUTH_SIMULATION_KEY. */
  E2E_BYPASS,
  /** Sign the contract's claims locally with env JWT_SECRET_KEY. */
  MINT
}
