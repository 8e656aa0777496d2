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
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Has the JIT compile the frame judge before the first user arrives, then waits for the compiler
 * to go quiet. Without it the injector's C2 compiler spent about one core through the arrival burst
 * (docs/BENCHMARKS.md): on a machine it shares with the target, the target then sent its frames
 * late, and the delivery check reported the injector's own start-up as the platform's lateness.
 *
 * <p>It judges the reference target's own frames in every dialect (the target's renderers, not
 * copies), turn after turn, through the same {@link Conversation} the checks use, until the
 * compiler's queue is empty; every frame must pass. What the judging counts for the run's summary
 * is reset afterwards: no user has started yet.
 */
public final class JitWarmUp {
  /** Turns of five events each, spread over the four dialects: past C2's compile thresholds. */
  static final int TURNS = 4_000;
  private static final int BATCH = 500;
  /** The warm-up stops here even if the compiler is still busy. */
  static final long BOUND_MS = 8_000;

  /**
   * What the warm-up did: turns judged, how long it took, whether the JIT compiler was idle at the
   * end (false: still busy at the bound), and the breach that stopped it, if any (a bug).
   */
  public record Result(int turns, long millis, boolean compilerIdle, String stoppedBy) {
    public String describe() {
      String judged = String.format(Locale.ROOT, "%,d chat turns of the reference target's frames (4 dialects) judged", turns);
      if (stoppedBy != null) {
        return judged + ", then stopped: the judge refused one (" + stoppedBy + ")";
      }
      return judged + String.format(Locale.ROOT, compilerIdle ? "; the JIT compiler idle after %.1f s" : "; the JIT compiler still busy after %.1f s",
          millis / 1000.0);
    }
  }

  private JitWarmUp() {}

  /**
   * Judges turns under {@code sla}, written as {@code style} says, at least {@link #TURNS} and on
   * until the JIT compiler's queue is empty (at most {@link #BOUND_MS}).
   */
  public static Result run(SlaSpec sla, MessageStyle style) {
    long start = System.nanoTime();
    Judge judge = new Judge(sla, style);
    String stoppedBy = judge.welcomes();
    int turns = 0;
    boolean idle = false;
    while (stoppedBy == null && elapsedMs(start) < BOUND_MS) {
      stoppedBy = judge.turns(BATCH);
      turns += BATCH;
      if (turns >= TURNS && (idle = CompilerQueue.isEmpty())) {
        break;
      }
    }
    CheckCoverage.reset();
    KoSamples.reset();
    Conversation.LEAKS.set(0);
    return new Result(turns, elapsedMs(start), idle, stoppedBy);
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Null when every frame of {@code turns} turns passed, else the first breach's kind and dialect. */
  static String judgeTurns(SlaSpec sla, MessageStyle style, int turns) {
    Judge judge = new Judge(sla, style);
    String welcomes = judge.welcomes();
    return welcomes != null ? welcomes : judge.turns(turns);
  }

  /** One user per dialect, each judging the reference target's frames of its turns as the checks do. */
  private static final class Judge {
    private final AgentRunPlanner planner = new AgentRunPlanner(LatencyModel.random(), FaultPlan.none(), 1.0, 7L);
    private final Dialect[] dialects = Dialect.values();
    private final Conversation[] users = new Conversation[dialects.length];
    private final List<String> frames = new ArrayList<>(8);
    private int turn;

    Judge(SlaSpec sla, MessageStyle style) {
      for (int i = 0; i < users.length; i++) {
        users[i] = new Conversation("warm-up-" + Conversation.randomId(), sla, style);
      }
    }

    String welcomes() {
      ReferenceConfig config = ReferenceConfig.defaults();
      for (int i = 0; i < users.length; i++) {
        String welcome = WireDialect.of(dialects[i]).welcome(users[i].userId(), "conn_warm_up", config).toString();
        if (!users[i].consumesWelcome(welcome) || users[i].breachOf(welcome) != null) {
          return dialects[i].wireName() + " welcome: " + users[i].problemOf(welcome);
        }
      }
      return null;
    }

    String turns(int count) {
      for (int n = 0; n < count; n++, turn++) {
        int d = turn % dialects.length;
        String problem = turn(users[d], WireDialect.of(dialects[d]));
        if (problem != null) {
          return dialects[d].wireName() + ": " + problem;
        }
      }
      return null;
    }

    private String turn(Conversation user, WireDialect dialect) {
      user.beginTurn("warm-up question " + turn);
      String thread = user.threadId() != null ? user.threadId() : "thread_" + Conversation.randomId();
      AgentRun run = planner.plan(user.userId(), thread, "warm-up question");
      long startedAt = System.currentTimeMillis();
      frames.clear();
      for (PlannedEvent e : run.events()) {
        frames.add(dialect.agentEvent(run, e, startedAt, System.currentTimeMillis()).toString());
      }
      // each awaited event is offered the frames from the first not taken yet, as Gatling does
      int next = 0;
      for (AgentEvent awaited : AgentEvent.values()) {
        while (next < frames.size() && !user.consumes(frames.get(next), awaited)) {
          next++;
        }
        if (next == frames.size()) {
          return awaited.wireName() + " never taken";
        }
        String problem = user.problemOf(frames.get(next++));
        if (problem != null) {
          return problem;
        }
      }
      List<Breach> between = user.reviewBetweenTurns(frames.subList(next, frames.size()));
      return between.isEmpty() ? null : "between turns: " + between.get(0).kind();
    }
  }

  /** The JIT compiler's queues as {@code jcmd <pid> Compiler.queue} shows them. */
  static final class CompilerQueue {
    private CompilerQueue() {}

    /** True when nothing is being compiled or waits to be; also true where the JVM cannot tell. */
    static boolean isEmpty() {
      try {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
            "compilerQueue", new Object[] {null}, new String[] {String[].class.getName()});
        return pending(String.valueOf(text)) == 0;
      } catch (JMException | RuntimeException e) {
        return true;
      }
    }

    /** Compiles under way or queued in that text: every line but the headers, "Empty" and blanks. */
    static int pending(String queueText) {
      int n = 0;
      for (String line : queueText.split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.equals("Empty") && !l.endsWith(":")) {
          n++;
        }
      }
      return n;
    }
  }
}
