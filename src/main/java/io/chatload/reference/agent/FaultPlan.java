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
 * per run, {@code login-fail} per login, {@code refresh-fail} per refresh, {@code chat-broken} per socket. Any fault may start later:
 * {@code login-fail=1@20s} begins 20 s after the target started (an onset in {@code ms}, {@code s} or
 * {@code m}), so a run can pass its pre-flight and fail mid-run. {@link #decide} draws one run's faults.
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
  /** Every event of the run stamped {@link #STALE_MILLIS} before it is sent: a platform that queued it. */
  public static final String STALE = "stale";
  public static final long STALE_MILLIS = 2_000;
  public static final String LOGIN_FAIL = "login-fail";
  public static final String REFRESH_FAIL = "refresh-fail";
  /**
   * The chat path of beta-15 … beta-17 (PROTOCOL.md, "A broken chat path"): a socket's first client
   * message, of any kind, is answered {@code error_message CONNECTION_ERROR} and the socket closed 1011.
   * Per socket.
   */
  public static final String CHAT_BROKEN = "chat-broken";

  public static final String ACCEPTED =
      "slow=<factor > 0>, drop=<event>:<p>, disorder=<p>, leak=<p>, malformed=<p>, disconnect=<p>,"
          + " error=<p>, stall=<p>, stale=<p>, login-fail=<p>, refresh-fail=<p>, chat-broken=<p> (p in [0,1]; events: agent_started,"
          + " agent_thinking, tool_executing, tool_completed, agent_completed; any fault may end in @<onset>,"
          + " e.g. login-fail=1@20s: it starts that long after the target started, in ms, s or m)";
  /** A fault in effect from the target's start. */
  static final long FROM_START = 0;

  private static final Set<String> PROBABILITY_FAULTS =
      Set.of(DISORDER, LEAK, MALFORMED, DISCONNECT, ERROR, STALL, STALE, LOGIN_FAIL, REFRESH_FAIL, CHAT_BROKEN);

  private final String spec;
  private final double slowFactor;
  private final Map<AgentEvent, Double> drop;
  private final Map<String, Double> probabilities;
  /** Milliseconds after the target's start at which each fault begins, keyed by {@link #onsetKey}. */
  private final Map<String, Long> onsets;

  private FaultPlan(String spec, double slowFactor, Map<AgentEvent, Double> drop, Map<String, Double> p, Map<String, Long> onsets) {
    this.spec = spec;
    this.slowFactor = slowFactor;
    this.drop = Collections.unmodifiableMap(drop);
    this.probabilities = Collections.unmodifiableMap(p);
    this.onsets = Collections.unmodifiableMap(onsets);
  }

  public static FaultPlan none() {
    return new FaultPlan("", 1.0, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
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
    Map<String, Long> onsets = new LinkedHashMap<>();
    for (String raw : spec.split(",", -1)) {
      String part = raw.trim();
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad(part, "is not <fault>=<value>");
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      long onset = FROM_START;
      int at = value.lastIndexOf('@');
      if (at >= 0) {
        onset = onsetMillis(part, value.substring(at + 1).trim());
        value = value.substring(0, at).trim();
      }
      if (name.equals(SLOW)) {
        if (slowSeen) {
          throw bad(part, "repeats fault 'slow'");
        }
        slowSeen = true;
        slow = number(part, value);
        if (!(slow > 0) || Double.isInfinite(slow)) {
          throw bad(part, "needs a factor > 0");
        }
        onsets.put(SLOW, onset);
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
        onsets.put(onsetKey(event), onset);
      } else if (PROBABILITY_FAULTS.contains(name)) {
        if (p.containsKey(name)) {
          throw bad(part, "repeats fault '" + name + "'");
        }
        p.put(name, probability(part, value));
        onsets.put(name, onset);
      } else {
        throw bad(part, "names unknown fault '" + name + "'");
      }
    }
    return new FaultPlan(spec.trim(), slow, drop, p, onsets);
  }

  /** {@code 20s}, {@code 1500ms}, {@code 2m} (decimals allowed) as milliseconds. */
  private static long onsetMillis(String part, String onset) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)").matcher(onset);
    if (!m.matches()) {
      throw bad(part, "has onset '@" + onset + "'; give a time after the target's start such as @20s, @1500ms or @2m");
    }
    double n = Double.parseDouble(m.group(1));
    double factor = m.group(2).equals("ms") ? 1 : m.group(2).equals("s") ? 1_000 : 60_000;
    return Math.round(n * factor);
  }

  private static String onsetKey(AgentEvent dropped) {
    return DROP + ":" + dropped.wireName();
  }

  /** When {@code fault} (a fault name, or {@code drop:<event>}) begins, in ms after the target's start. */
  public long onsetMillis(String fault) {
    return onsets.getOrDefault(fault, FROM_START);
  }

  private boolean active(String key, long elapsedMillis) {
    return elapsedMillis >= onsets.getOrDefault(key, FROM_START);
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

  /** Draws whether this login fails (503), every onset passed. */
  public boolean loginFails(SplittableRandom rng) {
    return loginFails(rng, Long.MAX_VALUE);
  }

  /** Draws whether a login {@code elapsedMillis} after the target's start fails (503). */
  public boolean loginFails(SplittableRandom rng, long elapsedMillis) {
    return hit(LOGIN_FAIL, rng, elapsedMillis);
  }

  /** Draws whether this token refresh is refused (401), every onset passed. */
  public boolean refreshFails(SplittableRandom rng) {
    return refreshFails(rng, Long.MAX_VALUE);
  }

  /** Draws whether a refresh {@code elapsedMillis} after the target's start is refused (401). */
  public boolean refreshFails(SplittableRandom rng, long elapsedMillis) {
    return hit(REFRESH_FAIL, rng, elapsedMillis);
  }

  /** Draws whether a socket whose first message comes {@code elapsedMillis} after the target's start finds the chat path broken. */
  public boolean chatBroken(SplittableRandom rng, long elapsedMillis) {
    return hit(CHAT_BROKEN, rng, elapsedMillis);
  }

  /** Draws one run's faults, every onset passed. */
  public RunFaults decide(SplittableRandom rng) {
    return decide(rng, Long.MAX_VALUE);
  }

  /**
   * Draws the faults of a run that starts {@code elapsedMillis} after the target's start: a fault
   * whose onset is later is not in it. The draws are the same either way, so a seed stays reproducible.
   */
  public RunFaults decide(SplittableRandom rng, long elapsedMillis) {
    if (isEmpty()) {
      return RunFaults.NONE;
    }
    Set<AgentEvent> dropped = new LinkedHashSet<>();
    for (Map.Entry<AgentEvent, Double> e : drop.entrySet()) {
      if (rng.nextDouble() < e.getValue() && active(onsetKey(e.getKey()), elapsedMillis)) {
        dropped.add(e.getKey());
      }
    }
    return new RunFaults(
        active(SLOW, elapsedMillis) ? slowFactor : 1.0,
        dropped,
        hit(DISORDER, rng, elapsedMillis),
        hit(LEAK, rng, elapsedMillis),
        hit(MALFORMED, rng, elapsedMillis),
        hit(DISCONNECT, rng, elapsedMillis),
        hit(ERROR, rng, elapsedMillis),
        hit(STALL, rng, elapsedMillis),
        hit(STALE, rng, elapsedMillis));
  }

  private boolean hit(String fault, SplittableRandom rng, long elapsedMillis) {
    Double p = probabilities.get(fault);
    return p != null && p > 0 && rng.nextDouble() < p && active(fault, elapsedMillis);
  }

  @Override
  public String toString() {
    return spec;
  }
}
