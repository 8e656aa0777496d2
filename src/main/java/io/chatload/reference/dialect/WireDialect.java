package io.chatload.reference.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.PlannedEvent;
import io.chatload.reference.agent.RunIds;

/**
 * What the target sends and how it behaves in one of the platform's wire dialects (PROTOCOL.md,
 * "What the real platform actually sends"): agent event envelopes, session frames, health body,
 * auth refusal and limits. One implementation per dialect; the run plan itself is dialect-neutral.
 */
public interface WireDialect {

  /** How a missing, invalid or expired token on {@code /ws} is refused. */
  enum AuthRefusal {
    /** The handshake is refused with HTTP 403, no upgrade. */
    HANDSHAKE_403,
    /** The handshake is accepted, then {@code error_message AUTH_FAILED} and close 1008. */
    AUTH_FAILED_1008
  }

  /** The dialect implementing {@code dialect}. */
  static WireDialect of(Dialect dialect) {
    return switch (dialect) {
      case CONTRACT -> new ContractDialect();
      case PAYLOAD -> new PayloadDialect();
      case BRIDGE -> new BridgeDialect();
      case FLAT -> new FlatDialect();
      case CAPTURE -> new CaptureDialect();
    };
  }

  /** A user id as the beta-11+ welcome shows it: its first 8 characters, then "...". */
  static String truncatedUserId(String userId) {
    return (userId.length() > 8 ? userId.substring(0, 8) : userId) + "...";
  }

  /** How this dialect's server names runs. */
  default RunIds runIds() {
    return RunIds.SEQUENTIAL;
  }

  /** Whether the server makes the thread of every run itself, not echoing the client's thread_id. */
  default boolean makesThreads() {
    return false;
  }

  Dialect name();

  /** The frame of a planned agent event (or agent_error) of {@code run}, rendered at send time. */
  ObjectNode agentEvent(AgentRun run, PlannedEvent event, long startedAtMillis, long nowMillis);

  /** The first frame after the handshake. */
  ObjectNode welcome(String userId, String connectionId, ReferenceConfig config);

  /** The server's periodic keep-alive frame. */
  ObjectNode keepAlive(String connectionId, SessionStats stats);

  /** The answer to a client {@code ping} message. */
  ObjectNode pong(String userId);

  /** The answer to a client {@code heartbeat} message, or null when it is ignored. */
  ObjectNode heartbeatAck(String connectionId);

  AuthRefusal authRefusal();

  /** Whether the selected subprotocol is the exact {@code jwt.<token>} entry (else a bare name). */
  boolean echoesTokenSubprotocol();

  /** Whether the per-user message rate and socket count are enforced (the size limit always is). */
  boolean enforcesMessageLimits();

  /** Whether {@code /health} is the bare {@code {"status":"ok"}} (else the body with counters). */
  boolean bareHealth();

  /** What a socket has handled so far, for keep-alives that report it. */
  record SessionStats(long messagesProcessed, long agentEventsProcessed) {}
}
