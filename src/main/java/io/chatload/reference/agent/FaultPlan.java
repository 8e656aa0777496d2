package io.chatload.reference.agent;

import io.chatload.contract.AgentEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The faults a target injects, each named after what the client experiences, parsed from {@code
 * reference.faults} (e.g. {@code slow=2,drop=agent_thinking:0.1,leak=0.01}). Probabilities are
 * per run, {@code login-fail} per login, {@code refresh-fail} per refresh. {@link #decide} draws one run's faults.
 */
public final class FaultPlan {
  public static final String SLOW = "slow";
  public static final String DROP = "drop";
  public static final String DISORDER = "disorder";
  public static final String LEAK = "leak";
  public static final String MALFORMED = "malformed";
  public static final String DISCONNECT = "disconnect";
  public static final String ERROR = "error";
  public static final String STALL = "stall";
  public static final String LOGIN_FAIL = "login-fail";
  public static final String REFRESH_FAIL = "refresh-fail";

  public static final String ACCEPTED =
      "slow=<factor > 0>, drop=<event>:<p>, disorder=<p>, leak=<p>, malformed=<p>, disconnect=<p>,"
          + " error=<p>, stall=<p>, login-fail=<p>, refresh-fail=<p> (p in [0,1]; events: agent_started,"
          + " agent_thinking, tool_executing, tool_completed, agent_completed)";

  private static final Set<String> PROBABILITY_FAULTS =
      Set.of(DISORDER, LEAK, MALFORMED, DISCONNECT, ERROR, STALL, LOGIN_FAIL, REFRESH_FAIL);

  private final String spec;
  private final double slowFactor;
  private final Map<AgentEvent, Double> drop;
  private final Map<String, Double> probabilities;

  private FaultPlan(String spec, double slowFactor, Map<AgentEvent, Double> drop, Map<String, Double> p) {
    this.spec = spec;
    this.slowFactor = slowFactor;
    this.drop = Collections.unmodifiableMap(drop);
    this.probabilities = Collections.unmodifiableMap(p);
  }

  public static FaultPlan none() {
    return new FaultPlan("", 1.0, new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /** Parses a fault spec; blank means none. */
  public static FaultPlan parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return none();
    }
    double slow = 1.0;
    boolean slowSeen = false;
    Map<AgentEvent, Double> drop = new LinkedHashMap<>();
    Map<String, Double> p = new LinkedHashMap<>();
    for (String raw : spec.split(",", -1)) {
      String part = raw.trim();
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad(part, "is not <fault>=<value>");
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (name.equals(SLOW)) {
        if (slowSeen) {
          throw bad(part, "repeats fault 'slow'");
        }
        slowSeen = true;
        slow = number(part, value);
        if (!(slow > 0) || Double.isInfinite(slow)) {
          throw bad(part, "needs a factor > 0");
        }
      } else if (name.equals(DROP)) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
          throw bad(part, "needs drop=<event>:<p>");
        }
        String eventName = value.substring(0, colon).trim();
        AgentEvent event =
            AgentEvent.fromWireName(eventName)
                .orElseThrow(() -> bad(part, "names unknown event '" + eventName + "'"));
        if (drop.containsKey(event)) {
          throw bad(part, "repeats drop of " + eventName);
        }
        drop.put(event, probability(part, value.substring(colon + 1).trim()));
      } else if (PROBABILITY_FAULTS.contains(name)) {
        if (p.containsKey(name)) {
          throw bad(part, "repeats fault '" + name + "'");
        }
        p.put(name, probability(part, value));
      } else {
        throw bad(part, "names unknown fault '" + name + "'");
      }
    }
    return new FaultPlan(spec.trim(), slow, drop, p);
  }

  private static double number(String part, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw bad(part, "has '" + value + "', not a number");
    }
  }

  private static double probability(String part, String value) {
    double v = number(part, value);
    if (!(v >= 0 && v <= 1)) {
      throw bad(part, "has probability " + value + " outside [0,1]");
    }
    return v;
  }

  private static IllegalArgumentException bad(String part, String why) {
    return new IllegalArgumentException("fault '" + part + "' " + why + "; accepted faults: " + ACCEPTED);
  }

  public double slowFactor() {
    return slowFactor;
  }

  public boolean isEmpty() {
    return slowFactor == 1.0 && drop.isEmpty() && probabilities.isEmpty();
  }

  public double probability(String fault) {
    return probabilities.getOrDefault(fault, 0.0);
  }

  public Map<AgentEvent, Double> dropProbabilities() {
    return drop;
  }

  /** Draws whether this login fails (503). */
  public boolean loginFails(SplittableRandom rng) {
    return hit(LOGIN_FAIL, rng);
  }

  /** Draws whether this token refresh is refused (401). */
  public boolean refreshFails(SplittableRandom rng) {
    return hit(REFRESH_FAIL, rng);
  }

  /** Draws one run's faults. */
  public RunFaults decide(SplittableRandom rng) {
    if (isEmpty()) {
      return RunFaults.NONE;
    }
    Set<AgentEvent> dropped = new LinkedHashSet<>();
    for (Map.Entry<AgentEvent, Double> e : drop.entrySet()) {
      if (rng.nextDouble() < e.getValue()) {
        dropped.add(e.getKey());
      }
    }
    return new RunFaults(
        slowFactor,
        dropped,
        hit(DISORDER, rng),
        hit(LEAK, rng),
        hit(MALFORMED, rng),
        hit(DISCONNECT, rng),
        hit(ERROR, rng),
        hit(STALL, rng));
  }

  private boolean hit(String fault, SplittableRandom rng) {
    Double p = probabilities.get(fault);
    return p != null && p > 0 && rng.nextDouble() < p;
  }

  @Override
  public String toString() {
    return spec;
  }
}
