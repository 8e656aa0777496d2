package io.chatload.reference.capacity;

import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.AgentRunPlanner;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.agent.PlannedEvent;
import java.util.Arrays;

/**
 * How long a run holds its slot under a target's latency model — from the slot to the last frame,
 * the sum of the planned delays — as mean and p95 over many runs the real planner draws (seeded,
 * so the figures are the same every time).
 *
 * @param meanMs T, the mean run time
 * @param p95Ms the run time 95 % of runs stay under
 */
public record RunDuration(double meanMs, double p95Ms) {
  private static final int SAMPLES = 20_000;

  /** The run time of {@code config}'s latency model and scale, faults left out. */
  public static RunDuration of(ReferenceConfig config) {
    AgentRunPlanner planner = new AgentRunPlanner(config.latencyModel(), FaultPlan.parse(""), config.latencyScale(), 42L);
    long[] ms = new long[SAMPLES];
    double sum = 0;
    for (int i = 0; i < SAMPLES; i++) {
      AgentRun run = planner.plan("u", "t", "sample");
      ms[i] = run.events().stream().mapToLong(PlannedEvent::delayMillis).sum();
      sum += ms[i];
    }
    Arrays.sort(ms);
    return new RunDuration(sum / SAMPLES, ms[(int) Math.ceil(0.95 * SAMPLES) - 1]);
  }
}
