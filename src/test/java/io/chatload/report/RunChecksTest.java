package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunChecksTest {
  /** 100 one-second buckets whose latency is {@code p95(t)}; p50 a third of it, p99 10 % above. */
  private static List<RunResults.Bucket> timeline(java.util.function.IntUnaryOperator p95, int kosPerBucket) {
    List<RunResults.Bucket> out = new ArrayList<>();
    for (int t = 0; t < 100; t++) {
      int v = p95.applyAsInt(t);
      out.add(new RunResults.Bucket(t * 1000L, 20, kosPerBucket, v / 3, v, (int) (v * 1.1)));
    }
    return out;
  }

  @Test
  void flatLatencyDoesNotDriftAndGrowingLatencyDoes() {
    assertTrue(RunChecks.drift("agent_completed", timeline(t -> 1000, 0), 0, 100_000, 20).passed());
    SlaSummary.Check drift = RunChecks.drift("agent_completed", timeline(t -> 1000 + 10 * t, 0), 0, 100_000, 20);
    assertFalse(drift.passed(), drift.detail());
    assertTrue(drift.detail().contains("1090 ms → 1990 ms"), drift.detail());
  }

  @Test
  void tooShortARunIsNotJudgedForDrift() {
    SlaSummary.Check c = RunChecks.drift("agent_completed", timeline(t -> 1000 + 100 * t, 0), 0, 5_000, 20);
    assertTrue(c.passed() && c.detail().startsWith("not judged"), c.detail());
  }

  @Test
  void capacityIsTheLastStepThatHeld() {
    // steps of 20 s: 1000 ms, 2000 ms, 6000 ms (breaks a 5000 ms p95), 1000 ms
    var timeline = timeline(t -> t < 20 ? 1000 : t < 40 ? 2000 : t < 60 ? 6000 : 1000, 0);
    List<RunChecks.Step> steps = List.of(new RunChecks.Step(100, 0, 20_000), new RunChecks.Step(200, 20_000, 40_000),
        new RunChecks.Step(300, 40_000, 60_000), new RunChecks.Step(400, 60_000, 80_000));
    SlaSummary.Check c = RunChecks.capacity("agent_completed", timeline, steps, 5000, 1);
    assertTrue(c.detail().startsWith("capacity: 200 concurrent users"), c.detail());
    SlaSummary.Check errors = RunChecks.capacity("agent_completed", timeline(t -> 100, 5), steps, 5000, 1);
    assertFalse(errors.passed(), "20 % KO breaks a 1 % limit at the first step: " + errors.detail());
    SlaSummary.Check neverBroke = RunChecks.capacity("agent_completed", timeline(t -> 1000, 0), steps, 5000, 1);
    assertTrue(neverBroke.detail().startsWith("capacity: at least 400 concurrent users (every step held"), neverBroke.detail());
    // the live judge stopped the run in its third step, whose hold window reads within the limit afterwards
    SlaSummary.Check stopped = RunChecks.capacity("agent_completed", timeline(t -> 1000, 0), steps.subList(0, 3), 5000, 1, true);
    assertTrue(stopped.detail().startsWith("capacity: 200 concurrent users — "), stopped.detail());
    assertTrue(stopped.detail().contains("300 users: p95 1000 ms, 0.0 % KO (broke the SLA as the run watched it"), stopped.detail());
  }

  @Test
  void trendFlagsGrowthBeyondToleranceOnly() {
    var then = new RunResults.RequestStats("agent_completed", 100, 100, 0, 500, 1000, 1200, 1500, 5);
    SlaSummary base = SlaSummary.of(null, true).requests(List.of(then)).build();
    var slightly = new RunResults.RequestStats("agent_completed", 100, 100, 0, 500, 1080, 1250, 1500, 5);
    assertTrue(Trend.compare(base, List.of(slightly), 10).stream().noneMatch(SlaSummary.Delta::regression));
    var slower = new RunResults.RequestStats("agent_completed", 100, 99, 1, 700, 1500, 1800, 2000, 5);
    List<SlaSummary.Delta> d = Trend.compare(base, List.of(slower), 10);
    assertEquals(3, d.stream().filter(SlaSummary.Delta::regression).count(), d.toString());
    assertEquals(50.0, d.get(0).changePct(), 0.001);
  }
}
