package io.chatload.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The five agent events of one run, in the order their first occurrences must arrive
 * (PROTOCOL.md, "Server → client events"), with the {@code data} fields each must carry non-empty.
 */
public enum AgentEvent {
  AGENT_STARTED("agent_started", List.of("agent_name", "status", "run_id", "thread_id")),
  AGENT_THINKING("agent_thinking", List.of("reasoning", "metadata.step_number")),
  TOOL_EXECUTING("tool_executing", List.of("tool_name", "status", "parameters")),
  TOOL_COMPLETED("tool_completed", List.of("tool_name", "status", "metadata.result|result")),
  AGENT_COMPLETED("agent_completed", List.of("agent_name", "status", "result", "metadata.execution_time_ms"));

  /** Correlation fields every agent event's {@code data} carries (PROTOCOL.md). */
  public static final List<String> CORRELATION_FIELDS = List.of("run_id", "thread_id", "user_id");

  private final String wireName;
  private final List<String> requiredFields;

  AgentEvent(String wireName, List<String> requiredFields) {
    this.wireName = wireName;
    this.requiredFields = requiredFields;
  }

  /** The {@code type} on the wire, e.g. {@code agent_started}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Dotted paths inside {@code data} that must be present and non-empty; {@code a|b} means either.
   */
  public List<String> requiredFields() {
    return requiredFields;
  }

  /** The {@code status} value the contract fixes for this event, if any (asked of every frame: no allocation). */
  public Optional<String> expectedStatus() {
    switch (this) {
      case AGENT_STARTED:
        return STARTED;
      case TOOL_EXECUTING:
        return EXECUTING;
      case TOOL_COMPLETED:
      case AGENT_COMPLETED:
        return COMPLETED;
      default:
        return Optional.empty();
    }
  }

  private static final Optional<String> STARTED = Optional.of("started");
  private static final Optional<String> EXECUTING = Optional.of("executing");
  private static final Optional<String> COMPLETED = Optional.of("completed");

  /** The event a frame's {@code type} names, if any; asked of every frame, so the lookup allocates nothing. */
  public static Optional<AgentEvent> fromWireName(String type) {
    return type == null ? Optional.empty() : BY_WIRE_NAME.getOrDefault(type, Optional.empty());
  }

  private static final Map<String, Optional<AgentEvent>> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(AgentEvent::wireName, Optional::of));
}
