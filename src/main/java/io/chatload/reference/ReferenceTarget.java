package io.chatload.reference;

import java.net.URI;

/**
 * The embedded reference target: an in-process emulator of the chat platform (auth + backend on
 * one loopback port). API skeleton — implementation in progress.
 */
public final class ReferenceTarget implements AutoCloseable {
  private ReferenceTarget() {}

  /** Starts on {@code config.host():config.port()} (port 0 = ephemeral) and returns once bound. */
  public static ReferenceTarget start(ReferenceConfig config) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** e.g. {@code http://127.0.0.1:41234} — serves /auth/* */
  public URI authUrl() {
    throw new UnsupportedOperationException();
  }

  /** e.g. {@code http://127.0.0.1:41234} — serves /health */
  public URI backendUrl() {
    throw new UnsupportedOperationException();
  }

  /** e.g. {@code ws://127.0.0.1:41234/ws} */
  public URI wsUrl() {
    throw new UnsupportedOperationException();
  }

  /** The HS256 secret this instance signs and verifies with (configured or random per start). */
  public String jwtSecret() {
    throw new UnsupportedOperationException();
  }

  /** The value {@code X-E2E-Bypass-Key} must carry for {@code /auth/e2e/test-auth}. */
  public String bypassKey() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
