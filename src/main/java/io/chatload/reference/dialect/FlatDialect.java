package io.chatload.reference.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Dialect;
import io.chatload.contract.Json;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.PlannedEvent;
import io.chatload.reference.agent.UnixTime;

/**
 * beta-14+ unified emitter ({@code emit_critical_event}): every field at the top level, {@code
 * {type, timestamp, critical:true, user_id, thread_id, run_id, agent_name, status, metadata, ...}};
 * session frames, health and auth as {@link BridgeDialect} (the same server loop).
 */
final class FlatDialect extends BridgeDialect {

  @Override
  public Dialect name() {
    return Dialect.FLAT;
  }

  @Override
  public ObjectNode agentEvent(AgentRun run, PlannedEvent event, long startedAtMillis, long nowMillis) {
    PlannedFacts f = new PlannedFacts(event);
    String type = f.type();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", type);
    // the emitter's business fields override its ISO stamp with a unix float
    n.put("timestamp", UnixTime.seconds(nowMillis));
    n.put("critical", true);
    n.put("user_id", run.userId());
    n.put("thread_id", run.threadId());
    n.put("run_id", run.runId());
    n.put("agent_name", f.agentName());
    ObjectNode metadata = Json.MAPPER.createObjectNode();
    metadata.put("agent_name", f.agentName());
    if (type.equals(PlannedFacts.STARTED)) {
      n.put("status", "started");
      n.put("task_description", f.message());
    } else if (type.equals(PlannedFacts.THINKING)) {
      n.put("status", "thinking");
      n.put("reasoning", f.reasoning());
      metadata.put("step_number", f.stepNumber());
    } else if (type.equals(PlannedFacts.EXECUTING)) {
      n.put("status", "executing");
      n.put("tool_name", f.toolName());
      n.set("tool_args", f.parameters());
      n.set("parameters", f.parameters());
    } else if (type.equals(PlannedFacts.TOOL_DONE)) {
      n.put("status", "completed");
      n.put("tool_name", f.toolName());
      n.set("results", f.toolResult());
      n.put("execution_time", f.toolMillis() / 1000.0);
      n.put("success", true);
      metadata.set("result", f.toolResult());
    } else if (type.equals(PlannedFacts.COMPLETED)) {
      n.put("status", "completed");
      n.put("final_response", f.answer());
      metadata.put("execution_time_ms", PlannedFacts.runMillis(startedAtMillis, nowMillis));
    } else { // agent_error
      n.put("status", "error");
      n.put("error", f.error());
      n.put("error_message", f.error());
    }
    n.set("metadata", metadata);
    return n;
  }
}
