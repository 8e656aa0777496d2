package io.chatload.config;

/** How a virtual user phrases its chat turns ({@code -Dtarget.message}, PROTOCOL.md). */
public enum MessageStyle {
  /** Every turn a {@code user_message} on a fresh client-chosen thread, with timestamp and message_id. */
  CONTRACT,
  /**
   * As the real front end: the first turn {@code start_agent} with {@code payload.user_request} (the
   * server assigns the thread), later turns {@code user_message} on that thread; only type and payload.
   */
  FRONTEND
}
