package io.chatload.reference.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Dialect;
import io.chatload.contract.Json;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.PlannedEvent;

/**
 * Tags up to beta-10 ({@code routes/websocket.py}): {@code {type, run_id, agent_name,
 * timestamp:ISO, payload:{status, ...}}} with no user_id and no thread_id; keep-alive {@code
 * {"type":"ping"}}; otherwise as the contract.
 */
class PayloadDialect extends ContractDialect {

  @Override
  public Dialect name() {
    return Dialect.PAYLOAD;
  }

  @Override
  public ObjectNode agentEvent(AgentRun run, PlannedEvent event, long startedAtMillis, long nowMillis) {
    PlannedFacts f = new PlannedFacts(event);
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", f.type());
    n.put("run_id", run.runId());
    n.put("agent_name", f.agentName());
    n.put("timestamp", WireTime.iso(nowMillis));
    detail(f, n.putObject("payload"), startedAtMillis, nowMillis);
    return n;
  }

  /** The event's detail, as the payload era wrote it inside {@code payload}. */
  static void detail(PlannedFacts f, ObjectNode p, long startedAtMillis, long nowMillis) {
    String type = f.type();
    if (type.equals(PlannedFacts.STARTED)) {
      p.put("status", "started");
      p.putObject("context");
      p.put("message", f.message());
    } else if (type.equals(PlannedFacts.THINKING)) {
      p.put("reasoning", f.reasoning());
      p.put("step_number", f.stepNumber());
      p.put("progress_percentage", f.progressPercentage());
      p.put("status", "thinking");
    } else if (type.equals(PlannedFacts.EXECUTING)) {
      p.put("tool_name", f.toolName());
      p.set("parameters", f.parameters());
      p.put("status", "executing");
    } else if (type.equals(PlannedFacts.TOOL_DONE)) {
      p.put("tool_name", f.toolName());
      p.set("result", f.toolResult());
      p.put("execution_time_ms", f.toolMillis());
      p.put("status", "completed");
    } else if (type.equals(PlannedFacts.COMPLETED)) {
      p.put("status", "completed");
      p.set("result", f.answerObject());
      p.put("execution_time_ms", PlannedFacts.runMillis(startedAtMillis, nowMillis));
    } else { // agent_error
      p.put("status", "error");
      p.put("error_message", f.error());
      p.putObject("error_context");
      p.put("message", f.agentName() + " encountered an issue processing your request");
    }
  }

  @Override
  public ObjectNode welcome(String userId, String connectionId, ReferenceConfig config) {
    ObjectNode welcome = super.welcome(userId, connectionId, config);
    ObjectNode data = (ObjectNode) welcome.get("data");
    data.put("environment", "reference");
    ObjectNode c = data.putObject("config");
    c.put("heartbeat_interval", config.heartbeatSeconds());
    c.put("max_message_size", config.maxMessageBytes());
    return welcome;
  }

  @Override
  public ObjectNode keepAlive(String connectionId, SessionStats stats) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "ping");
    return n;
  }
}
