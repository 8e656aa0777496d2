package io.chatload.reference.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plans one agent run per accepted user message: which events, with what content and delays, as
 * shaped by the run's faults. Thread-safe. With a seed, the n-th run (and the n-th login) draw
 * from a random stream derived from (seed, n), so decisions are reproducible. Fault onsets count
 * from the planner's creation, which is the target's start.
 */
public final class AgentRunPlanner {
  private static final String STARTED = AgentEvent.AGENT_STARTED.wireName();
  private static final String THINKING = AgentEvent.AGENT_THINKING.wireName();
  private static final String EXECUTING = AgentEvent.TOOL_EXECUTING.wireName();
  private static final String TOOL_DONE = AgentEvent.TOOL_COMPLETED.wireName();
  private static final String COMPLETED = AgentEvent.AGENT_COMPLETED.wireName();

  private final LatencyModel latency;
  private final FaultPlan faults;
  private final double latencyScale;
  private final Long seed;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong logins = new AtomicLong();
  private final AtomicLong refreshes = new AtomicLong();
  private final AtomicLong brokenDraws = new AtomicLong();
  private final long startNanos = System.nanoTime();

  public AgentRunPlanner(LatencyModel latency, FaultPlan faults, double latencyScale, Long seed) {
    this.latency = latency;
    this.faults = faults;
    this.latencyScale = latencyScale;
    this.seed = seed;
  }

  /** Milliseconds since this planner (the target) started: what fault onsets are counted from. */
  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  public FaultPlan faultPlan() {
    return faults;
  }

  /** Whether this login or test-auth call is answered with a 503 ({@code login-fail}). */
  public boolean nextLoginFails() {
    if (faults.probability(FaultPlan.LOGIN_FAIL) == 0) {
      return false;
    }
    return faults.loginFails(random(~logins.getAndIncrement()), elapsedMillis());
  }

  /** Whether this socket's first message is answered CONNECTION_ERROR + close 1011 ({@code chat-broken}). */
  public boolean nextSocketChatBroken() {
    if (faults.probability(FaultPlan.CHAT_BROKEN) == 0) {
      return false;
    }
    // a fourth stream, apart from the runs', the logins' and the refreshes'
    return faults.chatBroken(random(Long.MIN_VALUE / 4 + brokenDraws.getAndIncrement()), elapsedMillis());
  }

  /** Whether this token refresh is answered with a 401 ({@code refresh-fail}). */
  public boolean nextRefreshFails() {
    if (faults.probability(FaultPlan.REFRESH_FAIL) == 0) {
      return false;
    }
    // a third stream, apart from the runs' (n) and the logins' (~n)
    return faults.refreshFails(random(Long.MIN_VALUE / 2 + refreshes.getAndIncrement()), elapsedMillis());
  }

  public AgentRun plan(String userId, String threadId, String request) {
    return plan(userId, threadId, request, RunIds.SEQUENTIAL);
  }

  /** One run for {@code request}, its id in the style the target's dialect names runs. */
  public AgentRun plan(String userId, String threadId, String request, RunIds ids) {
    long n = runs.getAndIncrement();
    SplittableRandom rng = random(n);
    RunFaults f = faults.decide(rng, elapsedMillis());
    double scale = latencyScale * f.slowFactor();
    String runId = ids.runId(n, rng.nextLong() >>> 20, threadId, System.currentTimeMillis());
    String agent = AgentContent.pick(AgentContent.AGENTS, rng);
    String excerpt = AgentContent.excerpt(request);

    int thinkingCount = latency.isFixed() ? 1 : 1 + rng.nextInt(3);
    int toolCount = latency.isFixed() ? 1 : 1 + rng.nextInt(2);
    List<PlannedEvent> events = new ArrayList<>(2 + thinkingCount + 2 * toolCount);
    Builder b = new Builder(runId, userId, threadId, agent);

    events.add(b.event(STARTED, delay(AgentEvent.AGENT_STARTED, rng, scale), started()));
    int step = 1;
    events.add(b.event(THINKING, delay(AgentEvent.AGENT_THINKING, rng, scale), thinking(excerpt, step++, rng)));
    for (int t = 0; t < toolCount; t++) {
      if (t > 0 && step <= thinkingCount) {
        events.add(b.event(THINKING, delay(AgentEvent.AGENT_THINKING, rng, scale), thinking(excerpt, step++, rng)));
      }
      AgentContent.Tool tool = AgentContent.TOOLS[(int) ((n + t) % AgentContent.TOOLS.length)];
      events.add(b.event(EXECUTING, delay(AgentEvent.TOOL_EXECUTING, rng, scale), executing(tool, t)));
      events.add(b.event(TOOL_DONE, delay(AgentEvent.TOOL_COMPLETED, rng, scale), toolCompleted(tool, t, rng)));
    }
    while (step <= thinkingCount) {
      events.add(b.event(THINKING, delay(AgentEvent.AGENT_THINKING, rng, scale), thinking(excerpt, step++, rng)));
    }
    events.add(b.event(COMPLETED, delay(AgentEvent.AGENT_COMPLETED, rng, scale), completed(excerpt, rng)));

    List<String> injected = new ArrayList<>(4);
    if (f.slowFactor() != 1.0) {
      injected.add(FaultPlan.SLOW);
    }
    if (f.error()) {
      // the run fails after agent_started and at most one thinking step
      int keep = rng.nextBoolean() ? 2 : 1;
      long errorDelay = delay(AgentEvent.AGENT_COMPLETED, rng, scale);
      events.subList(keep, events.size()).clear();
      ObjectNode d = Json.MAPPER.createObjectNode();
      d.put("error", "Agent " + agent + " failed: upstream model provider timed out (injected)");
      d.put("status", "error");
      events.add(b.event(MessageTypes.AGENT_ERROR, errorDelay, d));
      injected.add(FaultPlan.ERROR);
    } else if (f.stall()) {
      events.remove(events.size() - 1);
      injected.add(FaultPlan.STALL);
    }
    if (f.stale()) {
      injected.add(FaultPlan.STALE);
    }
    if (!f.dropped().isEmpty()) {
      int before = events.size();
      events.removeIf(e -> AgentEvent.fromWireName(e.type()).map(f.dropped()::contains).orElse(false));
      if (events.size() < before) {
        injected.add(FaultPlan.DROP);
      }
    }
    if (f.disorder() && disorder(events, rng)) {
      injected.add(FaultPlan.DISORDER);
    }
    if (!events.isEmpty()) {
      if (f.malformed()) {
        int i = rng.nextInt(events.size());
        events.set(i, events.get(i).asMalformed());
        injected.add(FaultPlan.MALFORMED);
      }
      if (f.leak()) {
        int i = rng.nextInt(events.size());
        events.set(i, events.get(i).asLeaked());
      }
      if (f.disconnect()) {
        // mid-run: after the first frame, before the last (when there is more than one)
        int i = events.size() <= 2 ? 0 : 1 + rng.nextInt(events.size() - 2);
        events.set(i, events.get(i).asClosingAfter());
        injected.add(FaultPlan.DISCONNECT);
      }
    }
    return new AgentRun(runId, userId, threadId, events, f, injected);
  }

  /**
   * Swaps the first occurrences of two of the contract's event types so they arrive out of order;
   * delays stay with their positions. False when fewer than two types are left.
   */
  private static boolean disorder(List<PlannedEvent> events, SplittableRandom rng) {
    List<Integer> firsts = new ArrayList<>(5);
    List<String> seen = new ArrayList<>(5);
    for (int i = 0; i < events.size(); i++) {
      String type = events.get(i).type();
      if (AgentEvent.fromWireName(type).isPresent() && !seen.contains(type)) {
        seen.add(type);
        firsts.add(i);
      }
    }
    if (firsts.size() < 2) {
      return false;
    }
    int a = rng.nextInt(firsts.size());
    int b = rng.nextInt(firsts.size() - 1);
    if (b >= a) {
      b++;
    }
    int i = firsts.get(Math.min(a, b));
    int j = firsts.get(Math.max(a, b));
    PlannedEvent ei = events.get(i);
    PlannedEvent ej = events.get(j);
    events.set(i, ej.withDelay(ei.delayMillis()));
    events.set(j, ei.withDelay(ej.delayMillis()));
    return true;
  }

  private long delay(AgentEvent e, SplittableRandom rng, double scale) {
    return latency.delayMillis(e, rng, scale);
  }

  private SplittableRandom random(long n) {
    long base = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    return new SplittableRandom(base * 0x9E3779B97F4A7C15L + n);
  }

  private static ObjectNode started() {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("status", "started");
    d.put("message", "Agent started processing your request");
    return d;
  }

  private static ObjectNode thinking(String excerpt, int step, SplittableRandom rng) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put(
        "reasoning",
        AgentContent.pick(AgentContent.REASONING_OPENERS, rng)
            + excerpt
            + AgentContent.pick(AgentContent.REASONING_CLOSERS, rng));
    d.put("step_number", step);
    return d;
  }

  private static ObjectNode executing(AgentContent.Tool tool, int index) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("tool_name", tool.name());
    d.put("status", "executing");
    d.set("parameters", tool.parameters()); // shared, never mutated
    d.put("tool_call_id", "call_" + index);
    return d;
  }

  private static ObjectNode toolCompleted(AgentContent.Tool tool, int index, SplittableRandom rng) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("tool_name", tool.name());
    d.put("status", "completed");
    d.put("result", AgentContent.pick(tool.results(), rng));
    d.put("tool_call_id", "call_" + index);
    return d;
  }

  private static ObjectNode completed(String excerpt, SplittableRandom rng) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("status", "completed");
    d.put("result", AgentContent.pick(AgentContent.ANSWERS, rng));
    d.put("request", excerpt);
    return d;
  }

  /** Adds the correlation fields and the metadata every agent event carries. */
  private static final class Builder {
    private final String runId;
    private final String userId;
    private final String threadId;
    private final String agent;

    Builder(String runId, String userId, String threadId, String agent) {
      this.runId = runId;
      this.userId = userId;
      this.threadId = threadId;
      this.agent = agent;
    }

    PlannedEvent event(String type, long delay, ObjectNode body) {
      ObjectNode d = Json.MAPPER.createObjectNode();
      d.put("run_id", runId);
      d.put("thread_id", threadId);
      d.put("user_id", userId);
      d.put("agent_name", agent);
      d.setAll(body);
      ObjectNode metadata = d.putObject("metadata");
      metadata.put("agent_name", agent);
      if (body.has("step_number")) {
        metadata.put("step_number", body.get("step_number").intValue());
      }
      if (body.has("result") && type.equals(TOOL_DONE)) {
        metadata.set("result", body.get("result"));
      }
      return new PlannedEvent(type, delay, d, false, false, false);
    }
  }
}
