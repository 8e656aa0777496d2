package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.injector.InjectorSettings;
import io.chatload.injector.InjectorVerdict;
import io.chatload.journey.FrameTally;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A verdict never passes on an excuse: held only on measured figures, inconclusive where the injector could explain. */
class MeasuredVerdictTest {
  private static final FrameTally.Counts CLEAN = new FrameTally.Counts(500, Map.of(), 0, Map.of());

  /** An injector whose event loops were at worst {@code lateMaxMs} behind (a 60-s run of 100 ms ticks). */
  private static SlaSummary.Injector lateBy(long lateMaxMs, double machinePct, double ownPct) {
    long[] lags = new long[600];
    Arrays.fill(lags, 5);
    lags[300] = lateMaxMs;
    double[] own = new double[60];
    Arrays.fill(own, ownPct);
    double[] machine = new double[60];
    Arrays.fill(machine, machinePct);
    return InjectorVerdict.judge(new InjectorVerdict.Samples(2, own, machine, new long[] {20}, lags), InjectorSettings.DEFAULT);
  }

  private static FrameTally.Counts excused(String event, long n) {
    return new FrameTally.Counts(500, Map.of(event, n), 0, Map.of());
  }

  /** The sample run with {@code ko} KOs of agent_completed out of 100, {@code explainable} of them timing KOs the injector could cause. */
  private static SlaSummary withKos(int ko) {
    SlaSummary base = SampleSummaries.run(3200);
    List<RunResults.RequestStats> requests = new ArrayList<>();
    for (RunResults.RequestStats r : base.requests()) {
      requests.add(r.name().equals("agent_completed")
          ? new RunResults.RequestStats(r.name(), r.count(), r.count() - ko, ko, r.p50(), r.p95(), r.p99(), r.max(), r.meanPerSec()) : r);
    }
    List<SlaSummary.Sla> slas = new ArrayList<>();
    for (SlaSummary.Sla s : base.slas()) {
      slas.add(s.name().startsWith("agent_completed: percentage of failed")
          ? new SlaSummary.Sla(s.name(), s.threshold(), (double) ko, ko <= s.threshold(), null) : s);
    }
    boolean passed = slas.stream().allMatch(SlaSummary.Sla::passed);
    return SlaSummary.of(base.run(), passed).slas(slas).requests(requests).build();
  }

  @Test
  void aRunThatHeldWithNothingExcusedStaysHeldOnALateInjectorAndSaysByHowMuchItsFiguresMayBeInflated() {
    SlaSummary s = MeasuredVerdict.judge(SampleSummaries.run(3200), CLEAN, lateBy(1_800, 40, 80), false);
    assertEquals(SlaSummary.HELD, s.verdict());
    assertTrue(s.passed());
    assertTrue(s.measurement().why().contains("inflated by up to 1,800 ms") && s.measurement().why().contains("the verdict stands"),
        s.measurement().why());
    assertTrue(s.measurement().why().contains("500 of 500 frames judged on measured figures"), s.measurement().why());
  }

  @Test
  void aRunThatHeldWithFramesExcusedIsInconclusiveAndSaysWhetherTheyWouldHaveBreached() {
    SlaSummary s = MeasuredVerdict.judge(SampleSummaries.run(3200), excused("agent_completed", 2), lateBy(900, 40, 80), false);
    assertEquals(SlaSummary.INCONCLUSIVE, s.verdict());
    assertFalse(s.passed(), "never 'held'");
    assertTrue(s.measurement().why().startsWith("Held only with 2 frame(s) excused"), s.measurement().why());
    assertTrue(s.measurement().why().contains("498 of 500 frames judged")
        && s.measurement().why().contains("counted as KO they would breach agent_completed: percentage of failed events"), s.measurement().why());
    assertEquals(2, s.measurement().framesExcused());

    // 1 of 100 agent_completed as KO is 1 %, within the limit: still not measured, so still not "held"
    SlaSummary one = MeasuredVerdict.judge(SampleSummaries.run(3200), excused("agent_completed", 1), lateBy(900, 40, 80), false);
    assertEquals(SlaSummary.INCONCLUSIVE, one.verdict());
    assertTrue(one.measurement().why().contains("499 of 500") && one.measurement().why().contains("they would breach no SLA"),
        one.measurement().why());
  }

  @Test
  void aTailBreachWithinTheInjectorsLatenessIsInconclusiveAndOneBeyondItIsThePlatforms() {
    // agent_completed p95 5,600 ms against 5,000: 600 ms over
    SlaSummary late = MeasuredVerdict.judge(SampleSummaries.run(5_600), CLEAN, lateBy(900, 40, 80), false);
    assertEquals(SlaSummary.INCONCLUSIVE, late.verdict(), late.measurement()::why);
    assertTrue(late.measurement().why().startsWith("Breached, but by no more than the injector's own lateness explains"), late.measurement().why());

    SlaSummary slow = MeasuredVerdict.judge(SampleSummaries.run(5_600), CLEAN, lateBy(300, 40, 80), false);
    assertEquals(SlaSummary.BREACHED, slow.verdict(), slow.measurement()::why);
    assertTrue(slow.measurement().why().contains("agent_completed: 95th percentile") && slow.measurement().why().contains("up to 300 ms"),
        slow.measurement().why());

    SlaSummary unwatched = MeasuredVerdict.judge(SampleSummaries.run(5_600), CLEAN, null, false);
    assertEquals(SlaSummary.BREACHED, unwatched.verdict(), "no injector figures: nothing to explain the breach with");
  }

  @Test
  void kosTheInjectorCouldHaveCausedMakeABreachInconclusiveOnlyIfTheyAccountForIt() {
    SlaSummary threeKo = withKos(3);
    assertFalse(threeKo.passed());
    FrameTally.Counts twoExplainable = new FrameTally.Counts(500, Map.of(), 0, Map.of("agent_completed", 2L));
    assertEquals(SlaSummary.INCONCLUSIVE, MeasuredVerdict.judge(threeKo, twoExplainable, lateBy(900, 40, 80), false).verdict(),
        "3 KO, 2 of them the injector's could: 1 % is within the limit");
    FrameTally.Counts oneExplainable = new FrameTally.Counts(500, Map.of(), 0, Map.of("agent_completed", 1L));
    assertEquals(SlaSummary.BREACHED, MeasuredVerdict.judge(threeKo, oneExplainable, lateBy(900, 40, 80), false).verdict(),
        "2 KO the injector cannot explain: 2 % is the platform's");
  }

  @Test
  void aFailedRunCheckOrAnEarlyStopIsNeverExplainedAway() {
    SlaSummary base = SampleSummaries.run(5_600);
    SlaSummary withCheck = SlaSummary.of(base.run(), false).slas(base.slas()).requests(base.requests())
        .checks(List.of(new SlaSummary.Check("latency does not grow", false, "p95 grew 60 %"))).build();
    assertEquals(SlaSummary.BREACHED, MeasuredVerdict.judge(withCheck, CLEAN, lateBy(5_000, 40, 80), false).verdict());
    SlaSummary stopped = SlaSummary.of(base.run(), false).slas(base.slas()).requests(base.requests())
        .stoppedEarly(new SlaSummary.StoppedEarly("more than 50 % failing", 40, 100)).build();
    assertEquals(SlaSummary.BREACHED, MeasuredVerdict.judge(stopped, CLEAN, lateBy(5_000, 40, 80), false).verdict());
  }

  @Test
  void aTargetStarvingTheInjectorOnOneMachineCannotPassOnTheFramesItsLatenessExcused() {
    // the machine pegged, the injector using little of it: the loops were late because of another process,
    // and the frames that lateness excused may be that process's own lateness
    SlaSummary.Injector starved = lateBy(1_500, 100, 20);
    SlaSummary s = MeasuredVerdict.judge(SampleSummaries.run(3200), excused("agent_completed", 5), starved, false);
    assertEquals(SlaSummary.INCONCLUSIVE, s.verdict(), s.measurement()::why);
  }

  @Test
  void strictMakesAHeldRunOnASaturatedInjectorInconclusive() {
    SlaSummary.Injector saturated = lateBy(1_800, 40, 95);
    assertTrue(saturated.saturated(), saturated::verdict);
    assertEquals(SlaSummary.HELD, MeasuredVerdict.judge(SampleSummaries.run(3200), CLEAN, saturated, false).verdict());
    assertEquals(SlaSummary.INCONCLUSIVE, MeasuredVerdict.judge(SampleSummaries.run(3200), CLEAN, saturated, true).verdict());
  }
}
