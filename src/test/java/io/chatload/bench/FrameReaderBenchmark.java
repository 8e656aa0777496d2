package io.chatload.bench;

import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import io.chatload.journey.Conversation;
import io.chatload.config.MessageStyle;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.AgentRunPlanner;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.agent.LatencyModel;
import io.chatload.reference.agent.PlannedEvent;
import io.chatload.reference.dialect.WireDialect;
import io.chatload.sla.SlaSpec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost of judging one frame on the injector: whole chat turns (the reference target's own
 * frames, rendered in each dialect) through {@link Conversation} exactly as the checks call it,
 * in one thread, timed and with the bytes it allocated. Prints the median of several rounds per
 * dialect.
 *
 * <p>{@code -Dbench.users=5000} judges that many users' turns interleaved, frame by frame, as an
 * injector's loop does at load: each frame then meets its user's conversation cold in the cache
 * (each frame is copied first, as Gatling decodes it fresh from the socket).
 *
 * <p>{@code ./mvnw -q test-compile exec:java@frame-reader-bench [-Dbench.rounds=7 -Dbench.turns=200000 -Dbench.users=1]}
 */
public final class FrameReaderBenchmark {
  private FrameReaderBenchmark() {}

  public static void main(String[] args) {
    int rounds = Integer.getInteger("bench.rounds", 7);
    int turns = Integer.getInteger("bench.turns", 100_000);
    int users = Integer.getInteger("bench.users", 1);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SlaSpec sla = SlaSpec.load("embedded");
    System.out.printf(Locale.ROOT, "%-9s %12s %14s %10s%n", "dialect", "ns/frame", "bytes/frame", "frames");
    for (Dialect dialect : Dialect.values()) {
      List<String[]> corpus = corpus(dialect, Math.max(64, users));
      double[] ns = new double[rounds];
      double[] bytes = new double[rounds];
      long frames = 0;
      for (int r = 0; r < rounds; r++) {
        long b0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        frames = users > 1 ? judgeInterleaved(corpus, users, turns, sla) : judge(corpus, turns, sla);
        ns[r] = (System.nanoTime() - t0) / (double) frames;
        bytes[r] = (threads.getCurrentThreadAllocatedBytes() - b0) / (double) frames;
      }
      System.out.printf(Locale.ROOT, "%-9s %12.0f %14.0f %10d%n", dialect.wireName(), median(ns), median(bytes), frames);
    }
  }

  /** Each turn: begin, then every frame of a run offered to the check awaiting the next event. */
  private static long judge(List<String[]> corpus, int turns, SlaSpec sla) {
    long frames = 0;
    for (int t = 0; t < turns; t++) {
      String[] run = corpus.get(t % corpus.size());
      // front-end style: the thread is the one the server names, as the corpus' runs do
      Conversation c = new Conversation(run[0], sla, MessageStyle.FRONTEND);
      c.beginTurn("hello");
      int awaited = 0;
      for (int i = 1; i < run.length; i++) {
        if (judged(c, run[i], awaited)) {
          awaited++;
        }
        frames++;
      }
    }
    return frames;
  }

  /** {@code users} turns at once, the k-th frame of every user's run before the (k+1)-th of any. */
  private static long judgeInterleaved(List<String[]> corpus, int users, int turns, SlaSpec sla) {
    long frames = 0;
    Conversation[] cs = new Conversation[users];
    int[] awaited = new int[users];
    for (int t = 0; t < turns; t += users) {
      int longest = 0;
      for (int u = 0; u < users; u++) {
        String[] run = corpus.get(u);
        cs[u] = new Conversation(run[0], sla, MessageStyle.FRONTEND);
        cs[u].beginTurn("hello");
        awaited[u] = 0;
        longest = Math.max(longest, run.length);
      }
      for (int i = 1; i < longest; i++) {
        for (int u = 0; u < users; u++) {
          String[] run = corpus.get(u);
          if (i >= run.length) {
            continue;
          }
          if (judged(cs[u], new String(run[i].toCharArray()), awaited[u])) {
            awaited[u]++;
          }
          frames++;
        }
      }
    }
    return frames;
  }

  /** Offers the frame to the check awaiting the next event, as Gatling does; whether that check took it. */
  private static boolean judged(Conversation c, String frame, int awaited) {
    AgentEvent expected = AgentEvent.values()[Math.min(awaited, AgentEvent.values().length - 1)];
    if (!c.consumes(frame, expected)) {
      return false;
    }
    if (c.problemOf(frame) != null) {
      throw new IllegalStateException("the corpus must be clean, got: " + c.problemOf(frame));
    }
    return true;
  }

  /** Runs as the target plans and renders them, time-stamped ahead so none is ever late. */
  private static List<String[]> corpus(Dialect dialect, int runs) {
    AgentRunPlanner planner = new AgentRunPlanner(LatencyModel.parse("random"), FaultPlan.parse(""), 0, 42L);
    WireDialect wire = WireDialect.of(dialect);
    List<String[]> out = new ArrayList<>();
    for (int n = 0; n < runs; n++) {
      String user = "loadtest-" + n;
      AgentRun run = planner.plan(user, "thread_bench_" + n, "why did my costs go up this week?");
      List<String> frames = new ArrayList<>();
      frames.add(user);
      long now = System.currentTimeMillis() + 3_600_000;
      for (PlannedEvent e : run.events()) {
        frames.add(wire.agentEvent(run, e, now, now).toString());
      }
      out.add(frames.toArray(String[]::new));
    }
    return out;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
