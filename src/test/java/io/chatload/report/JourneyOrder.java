package io.chatload.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The golden path in the order a user lives it; tables and charts list requests in this order. */
public final class JourneyOrder {
  /** The waterfall's steps: login and connect as their own durations, the rest measured from the send. */
  public static final List<String> GOLDEN_PATH = List.of("login", "connect", "welcome",
      "agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");
  /** The events of a chat turn (the history charts these). */
  public static final List<String> EVENTS = GOLDEN_PATH.subList(3, GOLDEN_PATH.size());
  /** After the golden path: whole-journey and run-wide names, then anything else alphabetically. */
  private static final List<String> AFTER = List.of("journey", "recovery", "isolation", "chat turn", "close", "health", "Global");

  private JourneyOrder() {}

  static int rank(String name) {
    int i = GOLDEN_PATH.indexOf(name);
    if (i >= 0) {
      return i;
    }
    int j = AFTER.indexOf(name);
    return j >= 0 ? GOLDEN_PATH.size() + j : GOLDEN_PATH.size() + AFTER.size();
  }

  public static final Comparator<String> COMPARATOR = Comparator.comparingInt(JourneyOrder::rank).thenComparing(Comparator.naturalOrder());

  public static List<String> sorted(List<String> names) {
    List<String> out = new ArrayList<>(names);
    out.sort(COMPARATOR);
    return out;
  }
}
