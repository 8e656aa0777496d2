package io.chatload.journey;

import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import java.util.List;
import java.util.Map;

/**
 * What each agent event must carry, by the dialect it was written in (PROTOCOL.md's dialect
 * table, checked against the platform's tags): a frame is never failed for lacking a field its
 * dialect does not send, and always for an empty required one. Names separated by {@code |} are
 * alternatives (the same content under each dialect's name).
 */
final class EventContent {
  private EventContent() {}

  /** Present and non-empty in every dialect. */
  private static final Map<AgentEvent, List<String>> EVERY_DIALECT = Map.of(
      AgentEvent.AGENT_STARTED, List.of("agent_name", "run_id"),
      AgentEvent.AGENT_THINKING, List.of("reasoning"),
      AgentEvent.TOOL_EXECUTING, List.of("tool_name"),
      AgentEvent.TOOL_COMPLETED, List.of("tool_name"),
      AgentEvent.AGENT_COMPLETED, List.of("result|final_response"));

  /** Non-empty in the contract, which promises more than the platform ever sent. */
  private static final Map<AgentEvent, List<String>> CONTRACT_ALSO = Map.of(
      AgentEvent.AGENT_STARTED, List.of("thread_id", "status"),
      AgentEvent.AGENT_THINKING, List.of("step_number"),
      AgentEvent.TOOL_EXECUTING, List.of("status", "parameters"),
      AgentEvent.TOOL_COMPLETED, List.of("status", "result"),
      AgentEvent.AGENT_COMPLETED, List.of("agent_name", "status", "execution_time_ms"));

  /**
   * Present (possibly empty: the platform sends {@code {}} for a tool without parameters or output)
   * in the dialects named.
   */
  private static List<String> presentIn(Dialect d, AgentEvent e) {
    return switch (e) {
      case AGENT_THINKING -> d == Dialect.PAYLOAD || d == Dialect.CAPTURE || d == Dialect.BRIDGE ? List.of("step_number") : List.of();
      case TOOL_EXECUTING -> d == Dialect.FLAT ? List.of("parameters|tool_args") : List.of("parameters");
      case TOOL_COMPLETED -> List.of("result|results");
      default -> List.of();
    };
  }

  /** Null when the frame carries what {@code e} needs in its dialect, else the breach. */
  static Breach problem(Frame f, AgentEvent e, Dialect d) {
    String missing = firstMissing(f, EVERY_DIALECT.get(e), true);
    if (missing == null && d == Dialect.CONTRACT) {
      missing = firstMissing(f, CONTRACT_ALSO.get(e), true);
    }
    if (missing == null) {
      missing = firstMissing(f, presentIn(d, e), false);
    }
    if (missing != null) {
      return Breach.of(e.wireName() + " lacks " + missing.replace("|", " or "), f.snippet());
    }
    // a status the dialect sends must be the right one; only the contract requires it
    String status = f.text("status");
    if (e.expectedStatus().isPresent() && status != null && !e.expectedStatus().get().equals(status)) {
      return Breach.of(e.wireName() + " has status '" + shortText(status) + "', expected '" + e.expectedStatus().get() + "'", f.snippet());
    }
    return null;
  }

  private static String firstMissing(Frame f, List<String> fields, boolean nonEmpty) {
    for (String field : fields) {
      if (!found(f, field, nonEmpty)) {
        return field;
      }
    }
    return null;
  }

  private static boolean found(Frame f, String field, boolean nonEmpty) {
    int from = 0;
    while (from <= field.length()) {
      int bar = field.indexOf('|', from);
      String alternative = field.substring(from, bar < 0 ? field.length() : bar);
      if (nonEmpty ? f.hasNonEmpty(alternative) : f.has(alternative)) {
        return true;
      }
      if (bar < 0) {
        return false;
      }
      from = bar + 1;
    }
    return false;
  }

  /** Server text inside a KO message: short, one line, no token. */
  static String shortText(String s) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    String t = s.replaceAll("\\s+", " ");
    return Redaction.redact(t.length() > 80 ? t.substring(0, 80) + "..." : t);
  }
}
