package io.chatload.reference.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import java.util.List;

/**
 * One planned agent run: the frames to send in order with their delays, and the faults that
 * shaped it. Immutable apart from the send-time fields {@link #render} writes into each frame's
 * {@code data}.
 */
public final class AgentRun {
  private final String runId;
  private final String userId;
  private final String threadId;
  private final List<PlannedEvent> events;
  private final RunFaults faults;
  private final List<String> injectedFaults;

  AgentRun(
      String runId,
      String userId,
      String threadId,
      List<PlannedEvent> events,
      RunFaults faults,
      List<String> injectedFaults) {
    this.runId = runId;
    this.userId = userId;
    this.threadId = threadId;
    this.events = List.copyOf(events);
    this.faults = faults;
    this.injectedFaults = List.copyOf(injectedFaults);
  }

  public String runId() {
    return runId;
  }

  public String userId() {
    return userId;
  }

  public String threadId() {
    return threadId;
  }

  public List<PlannedEvent> events() {
    return events;
  }

  public RunFaults faults() {
    return faults;
  }

  /** Fault names that shaped this run (for the /health counters); {@code leak} is counted on delivery. */
  public List<String> injectedFaults() {
    return injectedFaults;
  }

  /** Whether the timeline ends with {@code agent_completed}. */
  public boolean completes() {
    return !events.isEmpty()
        && events.get(events.size() - 1).type().equals(AgentEvent.AGENT_COMPLETED.wireName());
  }

  /**
   * The wire envelope of {@code event} at send time: {@code {"type", "data", "timestamp",
   * "user_id"}} with {@code data.timestamp} and, for {@code agent_completed}, {@code
   * metadata.execution_time_ms} set now.
   */
  public ObjectNode render(PlannedEvent event, long startedAtMillis, long nowMillis) {
    java.math.BigDecimal now = UnixTime.seconds(nowMillis);
    ObjectNode data = event.data();
    data.put("timestamp", now);
    if (event.type().equals(AgentEvent.AGENT_COMPLETED.wireName())) {
      ((ObjectNode) data.get("metadata"))
          .put("execution_time_ms", Math.max(1, nowMillis - startedAtMillis));
    }
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("type", event.type());
    envelope.set("data", data);
    envelope.put("timestamp", now);
    envelope.put("user_id", userId);
    return envelope;
  }
}
