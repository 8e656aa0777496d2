package io.chatload.reference.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.reference.agent.PlannedEvent;

/**
 * Reads the dialect-neutral facts of one planned event (what the planner decided: agent, status,
 * reasoning, tool, result, error) so each dialect only decides where they go on the wire.
 */
final class PlannedFacts {
  static final String STARTED = AgentEvent.AGENT_STARTED.wireName();
  static final String THINKING = AgentEvent.AGENT_THINKING.wireName();
  static final String EXECUTING = AgentEvent.TOOL_EXECUTING.wireName();
  static final String TOOL_DONE = AgentEvent.TOOL_COMPLETED.wireName();
  static final String COMPLETED = AgentEvent.AGENT_COMPLETED.wireName();
  static final String ERROR = MessageTypes.AGENT_ERROR;

  private final PlannedEvent event;
  private final ObjectNode data;

  PlannedFacts(PlannedEvent event) {
    this.event = event;
    this.data = event.data();
  }

  String type() {
    return event.type();
  }

  String agentName() {
    return data.path("agent_name").asText();
  }

  String message() {
    return data.path("message").asText(agentName() + " has started processing your request");
  }

  String reasoning() {
    return data.path("reasoning").asText();
  }

  int stepNumber() {
    return data.path("step_number").asInt(1);
  }

  /** A rough progress figure for thinking steps, as the platform reports one. */
  int progressPercentage() {
    return Math.min(90, 20 * stepNumber());
  }

  String toolName() {
    return data.path("tool_name").asText();
  }

  JsonNode parameters() {
    JsonNode p = data.get("parameters");
    return p == null ? Json.MAPPER.createObjectNode() : p;
  }

  /** The tool's result as the object the platform sends ({@code {"output": <text>}}). */
  ObjectNode toolResult() {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("output", data.path("result").asText());
    return r;
  }

  /** How long the tool ran: the planned gap between its tool_executing and this tool_completed. */
  long toolMillis() {
    return Math.max(1, event.delayMillis());
  }

  /** The final answer as text. */
  String answer() {
    return data.path("result").asText();
  }

  /** The final answer as the object the platform sends ({@code {"response", "request"}}). */
  ObjectNode answerObject() {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("response", answer());
    r.put("request", data.path("request").asText());
    return r;
  }

  String error() {
    return data.path("error").asText();
  }

  static long runMillis(long startedAtMillis, long nowMillis) {
    return Math.max(1, nowMillis - startedAtMillis);
  }
}
