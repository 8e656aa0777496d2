package io.chatload.config;

/**
 * What a user whose socket was lost mid-run does about the interrupted turn once it has reconnected
 * ({@code -Dreconnect}).
 */
public enum AfterReconnect {
  /**
   * Awaits the rest of the run the platform kept for it (its message buffer), each event checked;
   * what never arrives is counted lost, what arrives twice duplicated. The default.
   */
  REPLAY,
  /** Sends the turn again, for a platform that keeps nothing for an absent user. */
  RESEND
}
