package io.chatload.contract;

import java.util.Set;

/** Message {@code type} names of the wire contract other than the five agent events. */
public final class MessageTypes {
  private MessageTypes() {}

  // server → client
  public static final String SYSTEM_MESSAGE = "system_message";
  public static final String CONNECTION_ESTABLISHED = "connection_established";
  public static final String PONG = "pong";
  public static final String AGENT_ERROR = "agent_error";
  public static final String ERROR_MESSAGE = "error_message";

  // client → server
  public static final String USER_MESSAGE = "user_message";
  public static final String START_AGENT = "start_agent";
  public static final String CHAT = "chat";
  public static final String MESSAGE = "message";
  public static final String PING = "ping";
  /**
   * What the agent bridge of beta-15 … beta-17 starts agents for ({@code
   * agent_websocket_bridge.py}, {@code _handle_message_dict}): {@code type}, {@code content},
   * {@code user_id} and {@code thread_id} at the top level.
   */
  public static final String RUN_AGENT = "run_agent";
  public static final String AGENT_MESSAGE = "agent_message";
  public static final String EXECUTE_AGENT = "execute_agent";

  /**
   * Types the real server may interleave that a client must ignore, not fail on: keep-alives of
   * every dialect ({@code ping} from the payload dialect, {@code heartbeat_ack}) and progress frames.
   */
  public static final Set<String> IGNORABLE =
      Set.of(
          "heartbeat",
          "heartbeat_ack",
          PING,
          "agent_progress",
          "partial_result",
          "agent_response_chunk",
          "progress_update",
          "event_batch",
          PONG);

  /** {@code error_message} codes used by the reference target (the real backend has more). */
  public static final String RATE_LIMITED = "RATE_LIMITED";
  public static final String MESSAGE_TOO_LARGE = "MESSAGE_TOO_LARGE";
  public static final String INVALID_MESSAGE = "INVALID_MESSAGE";
  public static final String TOO_MANY_CONNECTIONS = "TOO_MANY_CONNECTIONS";
  public static final String THREAD_ACCESS_DENIED = "THREAD_ACCESS_DENIED";
  /** beta-15 … beta-17's answer to any first message on a broken chat path, before close 1011. */
  public static final String CONNECTION_ERROR = "CONNECTION_ERROR";
}
