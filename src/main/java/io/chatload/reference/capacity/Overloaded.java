package io.chatload.reference.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.UnixTime;

/**
 * What an overloaded platform answers a message it cannot queue: the contract's {@code
 * agent_error} for that run ({@code run_id, thread_id, user_id, error, status:"error"}), its
 * {@code error} starting with "overloaded", so the user knows which message failed and why.
 */
public final class Overloaded {
  public static final String REASON = "overloaded";

  private Overloaded() {}

  public static ObjectNode agentError(AgentRun run, int queueLimit) {
    java.math.BigDecimal now = UnixTime.now();
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("type", MessageTypes.AGENT_ERROR);
    ObjectNode data = envelope.putObject("data");
    data.put("run_id", run.runId());
    data.put("thread_id", run.threadId());
    data.put("user_id", run.userId());
    data.put("error", REASON + ": all agent workers are busy and " + queueLimit + " runs are already waiting; retry later");
    data.put("status", "error");
    data.put("timestamp", now);
    data.putObject("metadata").put("reason", REASON);
    envelope.put("timestamp", now);
    envelope.put("user_id", run.userId());
    return envelope;
  }
}
