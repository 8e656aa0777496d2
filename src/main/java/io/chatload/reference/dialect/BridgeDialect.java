package io.chatload.reference.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.PlannedEvent;

/**
 * beta-11 to beta-17 ({@code routes/websocket_ssot.py}, {@code agent_websocket_bridge.py}):
 * {@code {type, run_id, user_id, agent_name, timestamp:ISO, data:{status, message, ...}}} with no
 * thread_id; {@code connection_established} welcome with a truncated user_id; bad tokens accepted
 * then refused with AUTH_FAILED + 1008; the token subprotocol echoed; no rate or socket limits.
 */
class BridgeDialect implements WireDialect {

  @Override
  public Dialect name() {
    return Dialect.BRIDGE;
  }

  @Override
  public ObjectNode agentEvent(AgentRun run, PlannedEvent event, long startedAtMillis, long nowMillis) {
    PlannedFacts f = new PlannedFacts(event);
    String type = f.type();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", type);
    n.put("run_id", run.runId());
    if (!type.equals(PlannedFacts.ERROR)) { // the real agent_error carries no user_id
      n.put("user_id", run.userId());
    }
    n.put("agent_name", f.agentName());
    n.put("timestamp", WireTime.iso(nowMillis));
    ObjectNode d = Json.MAPPER.createObjectNode();
    if (type.equals(PlannedFacts.STARTED)) {
      d.put("status", "started");
      d.putObject("context");
      d.put("message", f.message());
    } else if (type.equals(PlannedFacts.THINKING)) {
      d.put("reasoning", f.reasoning());
      d.put("step_number", f.stepNumber());
      d.put("progress_percentage", f.progressPercentage());
      d.put("status", "thinking");
    } else if (type.equals(PlannedFacts.EXECUTING)) {
      n.put("tool_name", f.toolName());
      d.set("parameters", f.parameters());
      d.put("status", "executing");
      d.put("message", f.agentName() + " is using " + f.toolName());
    } else if (type.equals(PlannedFacts.TOOL_DONE)) {
      n.put("tool_name", f.toolName());
      n.set("results", f.toolResult());
      d.set("result", f.toolResult());
      d.put("execution_time_ms", f.toolMillis());
      d.put("status", "completed");
      d.put("message", f.agentName() + " completed " + f.toolName());
    } else if (type.equals(PlannedFacts.COMPLETED)) {
      d.put("status", "completed");
      d.set("result", f.answerObject());
      d.put("execution_time_ms", PlannedFacts.runMillis(startedAtMillis, nowMillis));
      d.put("message", f.agentName() + " has completed processing your request");
    } else { // agent_error
      d.put("status", "error");
      d.put("error_message", f.error());
      d.putObject("error_context");
      d.put("message", f.agentName() + " encountered an issue processing your request");
    }
    n.set("data", d);
    return n;
  }

  @Override
  public ObjectNode welcome(String userId, String connectionId, ReferenceConfig config) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", MessageTypes.CONNECTION_ESTABLISHED);
    ObjectNode d = n.putObject("data");
    d.put("mode", "main");
    d.put("user_id", WireDialect.truncatedUserId(userId));
    d.put("connection_id", connectionId);
    ArrayNode events = d.putArray("golden_path_events");
    for (AgentEvent e : AgentEvent.values()) {
      events.add(e.wireName());
    }
    ObjectNode features = d.putObject("features");
    features.put("full_business_logic", true);
    features.put("golden_path_integration", true);
    features.put("agent_orchestration", true);
    d.put("timestamp", WireTime.isoNow());
    return n;
  }

  @Override
  public ObjectNode keepAlive(String connectionId, SessionStats stats) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "heartbeat");
    ObjectNode d = n.putObject("data");
    d.put("connection_id", connectionId);
    d.put("timestamp", WireTime.isoNow());
    ObjectNode s = d.putObject("stats");
    s.put("messages_processed", stats.messagesProcessed());
    s.put("agent_events_processed", stats.agentEventsProcessed());
    return n;
  }

  @Override
  public ObjectNode pong(String userId) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", MessageTypes.PONG);
    ObjectNode d = n.putObject("data");
    d.put("timestamp", WireTime.isoNow());
    d.put("user_id", userId);
    return n;
  }

  @Override
  public ObjectNode heartbeatAck(String connectionId) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "heartbeat_ack");
    ObjectNode d = n.putObject("data");
    d.put("connection_id", connectionId);
    d.put("timestamp", WireTime.isoNow());
    return n;
  }

  @Override
  public AuthRefusal authRefusal() {
    return AuthRefusal.AUTH_FAILED_1008;
  }

  @Override
  public boolean echoesTokenSubprotocol() {
    return true;
  }

  @Override
  public boolean enforcesMessageLimits() {
    return false;
  }

  @Override
  public boolean bareHealth() {
    return true;
  }
}
