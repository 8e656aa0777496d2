package io.chatload.reference.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.PlannedEvent;

/**
 * What an overloaded platform answers a message it cannot queue: an {@code agent_error} for that
 * run, its {@code error} starting with "overloaded", so the user knows which message failed and
 * why. Planned like any other event of the run, so the target's dialect decides its shape.
 */
public final class Overloaded {
  public static final String REASON = "overloaded";

  private Overloaded() {}

  public static PlannedEvent agentError(AgentRun run, int queueLimit) {
    String agent = run.events().isEmpty() ? "supervisor" : run.events().get(0).data().path("agent_name").asText("supervisor");
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("run_id", run.runId());
    data.put("thread_id", run.threadId());
    data.put("user_id", run.userId());
    data.put("agent_name", agent);
    data.put("error", REASON + ": all agent workers are busy and " + queueLimit + " runs are already waiting; retry later");
    data.put("status", "error");
    data.putObject("metadata").put("reason", REASON).put("agent_name", agent);
    return new PlannedEvent(MessageTypes.AGENT_ERROR, 0, data, false, false, false);
  }
}
