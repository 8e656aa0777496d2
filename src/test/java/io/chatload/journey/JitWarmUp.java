package io.chatload.journey;

import io.chatload.config.MessageStyle;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.AgentRunPlanner;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.agent.LatencyModel;
import io.chatload.reference.agent.PlannedEvent;
import io.chatload.reference.dialect.WireDialect;
import io.chatload.sla.SlaSpec;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Has the JIT compile the frame judge before the first user arrives, then waits for the compiler
 * to go quiet. Without it the injector's C2 compiler spent about one core through the arrival burst
 * (docs/BENCHMARKS.md): on a machine it shares with the target, the target then sent its frames
 * late, and the delivery check reported the injector's own start-up as the platform's lateness.
 *
 * <p>It judges the reference target's own frames in every dialect (the target's renderers, not
 * copies), turn after turn, through the same {@link Conversation} the checks use; every frame must
 * pass. What the judging counts for the run's summary is reset afterwards: no user has started yet.
 */
public final class JitWarmUp {
  /** Turns of five events each, spread over the four dialects: past C2's compile thresholds. */
  static final int TURNS = 4_000;
  private static final long QUIET_POLL_MS = 100;
  /** The compiler counts as quiet when it spent less than this in one poll. */
  private static final long QUIET_COMPILE_MS = 5;

  /**
   * What the warm-up did: turns judged and how long, how long the compiler then took to go quiet
   * (or -1 when it was still busy at the bound), and the breach that stopped it, if any (a bug).
   */
  public record Result(int turns, long judgingMillis, long quietAfterMillis, String stoppedBy) {
    public String describe() {
      String judged = String.format(Locale.ROOT, "%,d chat turns of the reference target's frames (4 dialects) judged in %.1f s", turns,
          judgingMillis / 1000.0);
      if (stoppedBy != null) {
        return judged + ", then stopped: the judge refused one (" + stoppedBy + ")";
      }
      return judged + (quietAfterMillis < 0
          ? String.format(Locale.ROOT, "; the JIT compiler was still busy %.1f s later", QUIET_BOUND_MS / 1000.0)
          : String.format(Locale.ROOT, "; the JIT compiler quiet %.1f s later", quietAfterMillis / 1000.0));
    }
  }

  private static final long QUIET_BOUND_MS = 5_000;

  private JitWarmUp() {}

  /** Judges {@link #TURNS} turns under {@code sla}, written as {@code style} says, then waits for the compiler. */
  public static Result run(SlaSpec sla, MessageStyle style) {
    long start = System.nanoTime();
    String stoppedBy = judgeTurns(sla, style, TURNS);
    long judging = (System.nanoTime() - start) / 1_000_000;
    CheckCoverage.reset();
    KoSamples.reset();
    Conversation.LEAKS.set(0);
    return new Result(TURNS, judging, stoppedBy == null ? waitForQuietCompiler() : 0, stoppedBy);
  }

  /** Null when every frame passed, else the first breach's kind and dialect. */
  static String judgeTurns(SlaSpec sla, MessageStyle style, int turns) {
    AgentRunPlanner planner = new AgentRunPlanner(LatencyModel.random(), FaultPlan.none(), 1.0, 7L);
    ReferenceConfig config = ReferenceConfig.defaults();
    Dialect[] dialects = Dialect.values();
    Conversation[] users = new Conversation[dialects.length];
    for (int i = 0; i < users.length; i++) {
      String userId = "warm-up-" + Conversation.randomId();
      users[i] = new Conversation(userId, sla, style);
      String welcome = WireDialect.of(dialects[i]).welcome(userId, "conn_warm_up", config).toString();
      if (!users[i].consumesWelcome(welcome) || users[i].breachOf(welcome) != null) {
        return dialects[i].wireName() + " welcome: " + users[i].problemOf(welcome);
      }
    }
    List<String> frames = new ArrayList<>(8);
    for (int turn = 0; turn < turns; turn++) {
      int d = turn % dialects.length;
      Conversation user = users[d];
      WireDialect dialect = WireDialect.of(dialects[d]);
      user.beginTurn("warm-up question " + turn);
      String thread = user.threadId() != null ? user.threadId() : "thread_" + Conversation.randomId();
      AgentRun run = planner.plan(user.userId(), thread, "warm-up question");
      long startedAt = System.currentTimeMillis();
      frames.clear();
      for (PlannedEvent e : run.events()) {
        frames.add(dialect.agentEvent(run, e, startedAt, System.currentTimeMillis()).toString());
      }
      // each awaited event in turn is offered the frames from the first not yet taken, as Gatling does
      int next = 0;
      for (AgentEvent awaited : AgentEvent.values()) {
        while (next < frames.size() && !user.consumes(frames.get(next), awaited)) {
          next++;
        }
        if (next == frames.size()) {
          return dialects[d].wireName() + ": " + awaited.wireName() + " never taken";
        }
        String problem = user.problemOf(frames.get(next++));
        if (problem != null) {
          return dialects[d].wireName() + ": " + problem;
        }
      }
      List<Breach> between = user.reviewBetweenTurns(frames.subList(next, frames.size()));
      if (!between.isEmpty()) {
        return dialects[d].wireName() + " between turns: " + between.get(0).kind();
      }
    }
    return null;
  }

  /** Milliseconds until the compiler spent under {@link #QUIET_COMPILE_MS} in one poll; -1 at the bound. */
  private static long waitForQuietCompiler() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return 0;
    }
    long start = System.nanoTime();
    long before = jit.getTotalCompilationTime();
    while ((System.nanoTime() - start) / 1_000_000 < QUIET_BOUND_MS) {
      try {
        Thread.sleep(QUIET_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      long now = jit.getTotalCompilationTime();
      if (now - before < QUIET_COMPILE_MS) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      before = now;
    }
    return -1;
  }
}
