package io.chatload.journey;

import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import java.util.ArrayList;
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

  /** A field a frame must carry: its name as the KO says it, and the frame reader's index of each alternative. */
  private record Need(String name, int[] alternatives, boolean nonEmpty) {
    static Need[] of(List<String> names, boolean nonEmpty) {
      Need[] needs = new Need[names.size()];
      for (int i = 0; i < needs.length; i++) {
        String[] alternatives = names.get(i).split("\\|");
        int[] fields = new int[alternatives.length];
        for (int k = 0; k < fields.length; k++) {
          fields[k] = Frame.field(alternatives[k]);
          if (fields[k] < 0) {
            throw new IllegalStateException("the frame reader does not keep '" + alternatives[k] + "'");
          }
        }
        needs[i] = new Need(names.get(i).replace("|", " or "), fields, nonEmpty);
      }
      return needs;
    }

    boolean foundIn(Frame f) {
      for (int field : alternatives) {
        if (nonEmpty ? f.hasNonEmpty(field) : f.has(field)) {
          return true;
        }
      }
      return false;
    }
  }

  /** What each event needs in each dialect, in the order it is checked: resolved once, asked for every frame. */
  private static final Need[][][] NEEDS = new Need[Dialect.values().length][AgentEvent.values().length][];

  static {
    for (Dialect d : Dialect.values()) {
      for (AgentEvent e : AgentEvent.values()) {
        List<Need> needs = new ArrayList<>(List.of(Need.of(EVERY_DIALECT.get(e), true)));
        if (d == Dialect.CONTRACT) {
          needs.addAll(List.of(Need.of(CONTRACT_ALSO.get(e), true)));
        }
        needs.addAll(List.of(Need.of(presentIn(d, e), false)));
        NEEDS[d.ordinal()][e.ordinal()] = needs.toArray(Need[]::new);
      }
    }
  }

  private static final int STATUS = Frame.field("status");

  /** Null when the frame carries what {@code e} needs in its dialect, else the breach. */
  static Breach problem(Frame f, AgentEvent e, Dialect d) {
    for (Need need : NEEDS[d.ordinal()][e.ordinal()]) {
      if (!need.foundIn(f)) {
        return Breach.of(e.wireName() + " lacks " + need.name(), f.snippet());
      }
    }
    // a status the dialect sends must be the right one; only the contract requires it
    String status = f.text(STATUS);
    String expected = e.expectedStatus().orElse(null);
    if (expected != null && status != null && !expected.equals(status)) {
      return Breach.of(e.wireName() + " has status '" + shortText(status) + "', expected '" + expected + "'", f.snippet());
    }
    return null;
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
