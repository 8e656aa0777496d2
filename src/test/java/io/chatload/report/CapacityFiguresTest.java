package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.reference.capacity.ClosedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The figures of stepped and spiked runs from synthetic timelines, and Little's law itself. */
class CapacityFiguresTest {

  /** One bucket per second: {@code perSec} OK responses, all at {@code ms}. */
  private static List<RunResults.Bucket> flat(long fromSec, long toSec, int perSec, int ms) {
    List<RunResults.Bucket> out = new ArrayList<>();
    for (long s = fromSec; s < toSec; s++) {
      out.add(new RunResults.Bucket(s * 1000 + 500, perSec, 0, ms, ms, ms));
    }
    return out;
  }

  @Test
  void stepsAreMeasuredOnTheirWindowsAndThePlateauIsTheFirstStepGrowingUnderTenPercent() {
    List<RunResults.Bucket> timeline = new ArrayList<>();
    timeline.addAll(flat(0, 10, 5, 1000));
    timeline.addAll(flat(10, 20, 10, 1000));
    timeline.addAll(flat(20, 30, 10, 2000));
    timeline.addAll(flat(30, 40, 10, 3000));
    List<RunChecks.Step> windows = List.of(new RunChecks.Step(5, 0, 10_000), new RunChecks.Step(10, 10_000, 20_000),
        new RunChecks.Step(15, 20_000, 30_000), new RunChecks.Step(20, 30_000, 40_000));
    List<SlaSummary.Step> steps = LoadSteps.measure(timeline, windows, 2500, 1);
    assertEquals(new SlaSummary.Step(5, 5.0, 1000.0, 0.0, true), steps.get(0));
    assertEquals(10.0, steps.get(1).throughputPerSec(), 1e-9);
    assertTrue(steps.get(2).held());
    assertFalse(steps.get(3).held(), "p95 3000 ms over 2500");
    assertEquals(Optional.of(2), LoadSteps.throughputStoppedAt(steps));
    assertTrue(LoadSteps.plateau(steps).startsWith("throughput stopped growing at 15 users (+0 % over 10 users"), LoadSteps.plateau(steps));
    assertTrue(LoadSteps.table("agent_completed", steps).contains("BROKEN"));
  }

  /** The run stopped in a step whose window, read afterwards, lands just within the limit: the table says BROKEN as the capacity figure does. */
  @Test
  void aStepTheLiveJudgeStoppedTheRunInIsBrokenInTheTableToo() {
    List<RunResults.Bucket> timeline = new ArrayList<>();
    timeline.addAll(flat(0, 10, 10, 1400));
    timeline.addAll(flat(10, 20, 10, 1600));
    List<RunChecks.Step> windows = List.of(new RunChecks.Step(28, 0, 10_000), new RunChecks.Step(30, 10_000, 20_000));
    assertTrue(LoadSteps.measure(timeline, windows, 1600, 1).get(1).held(), "1600 ms is within a 1600 ms limit");
    List<SlaSummary.Step> stopped = LoadSteps.measure(timeline, windows, 1600, 1, true);
    assertTrue(stopped.get(0).held());
    assertFalse(stopped.get(1).held());
    assertTrue(LoadSteps.table("agent_completed", stopped).matches("(?s).*\\n\\s+30\\s+[0-9.]+\\s+1600\\s+[0-9.]+\\s+BROKEN\\n.*"),
        LoadSteps.table("agent_completed", stopped));
    SlaSummary.Check capacity = RunChecks.capacity("agent_completed", timeline, windows, 1600, 1, true);
    assertTrue(capacity.detail().startsWith("capacity: 28 concurrent users"), capacity.detail());
  }

  @Test
  void latencyGrowingHalfASecondPerSecondIsArrivalsExceedingCapacity() {
    List<RunResults.Bucket> growing = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      growing.add(new RunResults.Bucket(s * 1000 + 500, 4, 0, 1000 + 500 * s, 1100 + 500 * s, 1200 + 500 * s));
    }
    growing.add(new RunResults.Bucket(10_500, 4, 0, 0, 0, 0)); // answers of earlier sends only: no percentiles
    assertEquals(500, LatencyGrowth.slopeMsPerSec(growing), 1e-6);
    SlaSummary.Check c = LatencyGrowth.check("agent_completed", growing, 0, 11_000, 100, "");
    assertFalse(c.passed());
    assertTrue(c.detail().startsWith("latency grew 500 ms/s during the hold: arrivals exceed capacity"), c.detail());
    assertTrue(LatencyGrowth.check("agent_completed", flat(0, 10, 4, 1000), 0, 10_000, 100, "").passed());
  }

  @Test
  void recoveryIsTheFirstWindowAfterTheSpikeBackUnderTheSla() {
    List<RunResults.Bucket> timeline = new ArrayList<>();
    timeline.addAll(flat(0, 10, 2, 1000)); // calm
    timeline.addAll(flat(10, 20, 20, 6000)); // spike
    timeline.addAll(flat(20, 27, 4, 5500)); // draining
    timeline.addAll(flat(27, 40, 2, 1000)); // recovered
    SlaSummary.Check c = Recovery.check("agent_completed", timeline, 10_000, 20_000, 40_000, 1000, 5000);
    assertTrue(c.passed(), c.detail());
    assertTrue(c.detail().contains("p95 peaked at 6000 ms; time to recover: 8 s"), c.detail());
    assertFalse(Recovery.check("agent_completed", flat(0, 40, 2, 6000), 10_000, 20_000, 40_000, 1000, 5000).passed());
  }

  @Test
  void littlesLawFiguresAreProportionalToTheWorkers() {
    ClosedModel m = new ClosedModel(20, 600, 5);
    assertEquals(33.33, m.saturationRunsPerSec(), 0.01);
    assertEquals(20.17, m.kneeUsers(), 0.01);
    assertEquals(166.83, m.usersAtResponse(5000), 0.01);
    assertEquals(2995, m.responseMs(100), 1e-9);
    ClosedModel doubled = new ClosedModel(40, 600, 5);
    assertEquals(2 * m.kneeUsers(), doubled.kneeUsers(), 1e-9);
    assertEquals(2 * m.usersAtResponse(5000), doubled.usersAtResponse(5000), 1e-9);
  }
}
