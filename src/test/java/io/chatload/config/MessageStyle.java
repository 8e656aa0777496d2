package io.chatload.config;

/** How a virtual user phrases its chat turns ({@code -Dtarget.message}, PROTOCOL.md). */
public enum MessageStyle {
  /** Every turn a {@code user_message} on a fresh client-chosen thread, with timestamp and message_id. */
  CONTRACT,
  /**
   * As the real front end: the first turn {@code start_agent} with {@code payload.user_request} (the
   * server assigns the thread), later turns {@code user_message} on that thread; only type and payload.
   */
  FRONTEND,
  /**
   * What beta-15 … beta-17's agent bridge starts agents for ({@code agent_websocket_bridge.py},
   * {@code _handle_message_dict}): {@code {"type":"run_agent","content","user_id","thread_id"}} at the
   * top level, a fresh client-chosen thread every turn (the bridge runs an agent only when both
   * user_id and thread_id are given).
   */
  RUN_AGENT
}
