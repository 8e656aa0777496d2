package io.chatload.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.journey.FrameTally;
import io.chatload.report.MeasuredVerdict;
import io.chatload.report.RunResults;
import io.chatload.report.SampleSummaries;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.MarkdownSummary;
import io.chatload.report.page.SlaPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saturation verdict from synthetic samples, and how the summary shows it. */
class InjectorVerdictTest {
  private static final InjectorSettings T = InjectorSettings.DEFAULT;

  private static double[] cpu(int seconds, double pct) {
    double[] d = new double[seconds];
    Arrays.fill(d, pct);
    return d;
  }

  private static long[] lags(int n, long ms) {
    long[] l = new long[n];
    Arrays.fill(l, ms);
    return l;
  }

  private static InjectorVerdict.Samples healthy() {
    return new InjectorVerdict.Samples(2, cpu(60, 45), cpu(60, 70), new long[] {12, 30, 8}, lags(600, 1));
  }

  @Test
  void aBusyButHealthyInjectorIsNotSaturated() {
    SlaSummary.Injector i = InjectorVerdict.judge(healthy(), T);
    assertFalse(i.saturated());
    assertTrue(i.reasons().isEmpty());
    assertEquals(45.0, i.cpuPctMedian());
    assertEquals(70.0, i.machineCpuPctMedian());
    assertEquals(50, i.gcPauseTotalMs());
    assertEquals(30, i.gcPauseMaxMs());
    assertEquals(1, i.timerLagP99Ms());
    assertEquals(60, i.watchedSeconds());
    assertTrue(i.verdict().startsWith("Injector not saturated."), i.verdict());
  }

  @Test
  void lateFramesTheEventLoopsExplainedAreCountedAndNamedInTheHeadline() {
    double[] cpu = cpu(60, 45);
    var s = new InjectorVerdict.Samples(2, cpu, cpu(60, 70), new long[] {12}, lags(600, 1), new double[0], null, cpu, 1234);
    SlaSummary.Injector i = InjectorVerdict.judge(s, T);
    assertEquals(1234, i.lateFramesExcused());
    assertTrue(i.verdict().contains("1,234 frame(s) arrived later than a limit of the contract (delivery, a gap between events, a timeout)"
            + " only by the time these event loops"),
        i.verdict());
    SlaSummary.Injector none = InjectorVerdict.judge(healthy(), T);
    assertEquals(0, none.lateFramesExcused());
    assertFalse(none.verdict().contains("frame(s) arrived later"), none.verdict());
  }

  @Test
  void aMachineSaturatedMostlyByTheInjectorForEightSecondsIsSaturationEvenBelowItsOwnCpuThreshold() {
    // the arrival burst of the peer comparison: machine at 100 %, the injector at 60-80 % of 2 cores, the rest the target's
    double[] machine = cpu(60, 40);
    double[] own = cpu(60, 15);
    Arrays.fill(machine, 3, 11, 100);
    Arrays.fill(own, 3, 11, 70);
    var s = new InjectorVerdict.Samples(2, own, machine, new long[0], lags(600, 2), new double[0], null, own, 0);
    SlaSummary.Injector i = InjectorVerdict.judge(s, T);
    assertTrue(i.saturated(), i.verdict());
    assertTrue(i.reasons().get(0).contains("for 8 s in a row (seconds 3 to 11 of the run)"), i.reasons().get(0));
    assertTrue(i.reasons().get(0).contains("a target on this machine was starved of CPU by the injector"), i.reasons().get(0));
    String explained = InjectorVerdict.explain(i, List.of(), Map.of("agent_started delivered more than 500 ms after its timestamp", 40)).verdict();
    assertTrue(explained.contains("sent its frames late because of the injector"), explained);

    Arrays.fill(machine, 10, 11, 80); // seven seconds only: a JVM's start-up can keep 2 cores busy that long
    assertFalse(InjectorVerdict.judge(new InjectorVerdict.Samples(2, own, machine, new long[0], lags(600, 2), new double[0], null, own, 0), T)
        .saturated());
  }

  @Test
  void aMachineSaturatedByOthersOrByAnEmbeddedTargetIsNotTheInjectorsOverload() {
    double[] machine = cpu(60, 100);
    double[] process = cpu(60, 70);
    double[] own = cpu(60, 30); // the rest of the process's 70 % is the embedded reference target's threads
    var embedded = new InjectorVerdict.Samples(2, process, machine, new long[0], lags(600, 2), new double[0], null, own, 0);
    SlaSummary.Injector i = InjectorVerdict.judge(embedded, T);
    assertFalse(i.saturated(), i.verdict());
    assertTrue(i.verdict().contains("But the machine was busy"), i.verdict());
  }

  @Test
  void cpuAtTheThresholdForTenSecondsInARowIsSaturationButNineAreNot() {
    double[] nine = cpu(60, 50);
    Arrays.fill(nine, 10, 19, 95);   // 9 s
    Arrays.fill(nine, 30, 39, 99);   // 9 s again, not in a row with the first
    assertFalse(InjectorVerdict.judge(new InjectorVerdict.Samples(2, nine, new double[0], new long[0], lags(600, 2)), T).saturated());

    double[] ten = cpu(60, 50);
    Arrays.fill(ten, 20, 30, 90);    // exactly the threshold, 10 s
    SlaSummary.Injector i = InjectorVerdict.judge(new InjectorVerdict.Samples(2, ten, new double[0], new long[0], lags(600, 2)), T);
    assertTrue(i.saturated());
    assertEquals(10, i.cpuSaturatedSeconds());
    assertEquals(1, i.reasons().size());
    assertTrue(i.reasons().get(0).contains("CPU at or above 90 % of 2 cores for 10 s"), i.reasons().toString());
    assertNull(i.machineCpuPctMedian(), "machine CPU unknown");
    assertTrue(i.verdict().startsWith("Injector SATURATED: CPU"), i.verdict());
  }

  @Test
  void aLateTimerAtP99IsSaturationEvenWithLittleCpu() {
    long[] l = lags(600, 3);
    Arrays.fill(l, 300, 305, 400);   // 5 of the 500 ticks after start-up late: below the p99 rank
    assertFalse(InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(60, 20), new double[0], new long[0], l), T).saturated());
    Arrays.fill(l, 300, 307, 150);   // 7 of 500 late: the p99 is late
    SlaSummary.Injector i = InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(60, 20), new double[0], new long[0], l), T);
    assertTrue(i.saturated());
    assertEquals(150, i.timerLagP99Ms());
    assertEquals(150, i.timerLagMaxMs());
    assertTrue(i.reasons().get(0).contains("event loops ran late by 150 ms at p99 after the first 10 s"), i.reasons().toString());
    // under 10 s of ticks the p99 is the worst tick: not judged
    assertFalse(InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(9, 20), new double[0], new long[0], lags(99, 300)), T).saturated());
  }

  @Test
  void oneThreadPeggedAtACoreIsSaturationEvenAtHalfTheProcessCpu() {
    double[] hot = cpu(60, 40);
    Arrays.fill(hot, 5, 20, 97);     // an event loop at one full core for 15 s, the process at 50 % of 2 cores
    SlaSummary.Injector i = InjectorVerdict.judge(
        new InjectorVerdict.Samples(2, cpu(60, 50), new double[0], new long[0], lags(600, 2), hot, "gatling-1-N", cpu(60, 50), 0), T);
    assertTrue(i.saturated(), i.verdict());
    assertEquals(15, i.hotThreadSaturatedSeconds());
    assertEquals(97.0, i.hotThreadPctMax());
    assertTrue(i.reasons().get(0).contains("one thread (gatling-1-N) at or above 90 % of a core for 15 s"), i.reasons().toString());
    Arrays.fill(hot, 5, 20, 80);
    assertFalse(InjectorVerdict.judge(
        new InjectorVerdict.Samples(2, cpu(60, 50), new double[0], new long[0], lags(600, 2), hot, "gatling-1-N", cpu(60, 50), 0), T).saturated());
  }

  @Test
  void aBusyMachineIsNamedWhenTheInjectorItselfIsNot() {
    SlaSummary.Injector i = InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(60, 11), cpu(60, 98), new long[] {129}, lags(600, 31)), T);
    assertFalse(i.saturated());
    assertTrue(i.verdict().contains("the machine was busy (CPU median 98 %"), i.verdict());
    assertFalse(InjectorVerdict.judge(healthy(), T).verdict().contains("machine was busy"));
  }

  @Test
  void oneLongGcPauseIsSaturation() {
    SlaSummary.Injector i = InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(60, 30), new double[0], new long[] {20, 520, 40},
        lags(600, 1)), T);
    assertTrue(i.saturated());
    assertEquals(580, i.gcPauseTotalMs());
    assertEquals(520, i.gcPauseMaxMs());
    assertTrue(i.reasons().get(0).contains("GC pause of 520 ms"), i.reasons().toString());
  }

  @Test
  void thresholdsComeFromTheSettings() {
    InjectorSettings lenient = new InjectorSettings(false, 99, 30, 1000, 5000, 60, 0);
    SlaSummary.Injector i = InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(60, 95), new double[0], new long[] {600},
        lags(600, 200)), lenient);
    assertFalse(i.saturated(), i.verdict());
    assertTrue(i.thresholds().contains("≥ 99 %") && i.thresholds().contains("30 s"), i.thresholds());
  }

  @Test
  void theVerdictNamesTheKosAndTailsTheOverloadMayHaveCaused() {
    SlaSummary.Injector i = InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(60, 100), new double[0], new long[0], lags(600, 1)), T);
    List<RunResults.RequestStats> requests = List.of(
        new RunResults.RequestStats("agent_started", 1000, 1000, 0, 101, 180, 240, 900, 10),
        new RunResults.RequestStats("agent_completed", 1000, 985, 15, 1302, 1700, 3100, 9000, 10),
        new RunResults.RequestStats("connect", 100, 100, 0, 3, 5, 9, 20, 1));
    SlaSummary.Injector explained = InjectorVerdict.explain(i, requests, Map.of("Check timeout", 12, "socket closed", 3));
    String v = explained.verdict();
    assertTrue(v.contains("15 KO(s)") && v.contains("\"Check timeout\" × 12") && v.contains("\"socket closed\" × 3"), v);
    assertTrue(v.contains("agent_completed p99 3100 ms / max 9000 ms") && v.contains("agent_started p99 240 ms"), v);
    assertFalse(v.contains("connect p99"), v);
    assertTrue(v.contains("before blaming the platform"), v);
    // a healthy injector's verdict is left as it is
    SlaSummary.Injector ok = InjectorVerdict.judge(healthy(), T);
    assertEquals(ok, InjectorVerdict.explain(ok, requests, Map.of("Check timeout", 12)));
  }

  @Test
  void theSummaryShowsASaturatedInjectorProminentlyAndOldJsonStillReads(@TempDir Path dir) throws Exception {
    SlaSummary base = SampleSummaries.run(1500);
    SlaSummary.Injector i = InjectorVerdict.explain(
        InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(30, 97), cpu(30, 100), new long[] {140}, lags(300, 160)), T),
        base.requests(), base.errors());
    SlaSummary saturated = MeasuredVerdict.judge(base.withInjector(i), FrameTally.Counts.NONE, i, true);
    assertFalse(saturated.passed(), "a strict run with a saturated injector does not hold");
    assertTrue(saturated.inconclusive(), saturated.measurement()::why);

    Document page = Jsoup.parse(SlaPage.render(saturated));
    assertNotNull(page.getElementById("injector-warning"), "warning in the banner");
    assertTrue(page.getElementById("verdict").text().contains("Injector SATURATED"), page.getElementById("verdict").text());
    assertTrue(page.getElementById("injector-table").text().contains("longest GC pause (ms) 140"), page.getElementById("injector-table").text());
    String md = MarkdownSummary.render(saturated);
    assertTrue(md.contains("> ⚠️ **Injector SATURATED"), md);

    SlaSummary healthy = base.withInjector(InjectorVerdict.judge(healthy(), T));
    Document calm = Jsoup.parse(SlaPage.render(healthy));
    assertNull(calm.getElementById("injector-warning"));
    assertTrue(calm.getElementById("injector").text().contains("Not saturated"));
    assertEquals(base.passed(), healthy.passed());

    // JSON round trip, and a summary written before the injector's figures existed
    Path file = dir.resolve("sla-summary.json");
    saturated.writeJson(file);
    SlaSummary back = SlaSummary.readJson(file);
    assertEquals(saturated.injector(), back.injector());
    ObjectNode old = (ObjectNode) SlaSummary.JSON.readTree(file.toFile());
    old.remove("injector");
    Files.writeString(file, old.toString());
    SlaSummary before = SlaSummary.readJson(file);
    assertNull(before.injector());
    assertNull(Jsoup.parse(SlaPage.render(before)).getElementById("injector"));
    assertFalse(MarkdownSummary.render(before).contains(" injector: "), MarkdownSummary.render(before));
  }

  /** 60 s: loops late by {@code lateMs} on every tick after the first 10 s, with these per-second figures. */
  private static InjectorVerdict.Samples lateWhile(long lateMs, double ownPct, double machinePct, double gcMs, double jitMs) {
    return new InjectorVerdict.Samples(2, cpu(60, ownPct), cpu(60, machinePct), new long[] {(long) gcMs}, lags(600, lateMs),
        new double[0], null, cpu(60, ownPct), 0, cpu(60, gcMs), cpu(60, jitMs));
  }

  @Test
  void lateLoopsOnAMachineOtherProcessesTookAreHeldUpNotSaturated() {
    SlaSummary.Injector i = InjectorVerdict.judge(lateWhile(300, 7, 100, 0, 0), T);
    assertFalse(i.saturated(), i::verdict);
    assertTrue(i.verdict().startsWith("Injector not saturated, but held up by other processes on the machine: "), i::verdict);
    assertTrue(i.verdict().contains("mostly while other processes on the machine took the CPU (500 of 500 late ticks)"), i::verdict);
  }

  @Test
  void theCauseOfLatenessIsNamedItsGcItsCompilerOrItsOwnWork() {
    assertTrue(InjectorVerdict.judge(lateWhile(300, 60, 70, 400, 0), T).verdict().contains("mostly while its GC paused it"));
    assertTrue(InjectorVerdict.judge(lateWhile(300, 60, 70, 0, 900), T).verdict().contains("mostly while its JIT compiler was busy"));
    SlaSummary.Injector own = InjectorVerdict.judge(lateWhile(300, 60, 70, 0, 0), T);
    assertTrue(own.saturated() && own.verdict().contains("mostly while its own work kept the CPU busy"), own::verdict);
  }

  @Test
  void aLightRunsStartUpIsNotJudgedAsSaturationButBoundsTheFigures() {
    long[] lags = lags(600, 3);
    for (int k = 0; k < 40; k++) {
      lags[k] = 440; // class loading and JIT as the first users arrive
    }
    SlaSummary.Injector i = InjectorVerdict.judge(new InjectorVerdict.Samples(2, cpu(60, 5), cpu(60, 12), new long[0], lags), T);
    assertFalse(i.saturated(), i::verdict);
    assertEquals(3, i.timerLagP99Ms(), "p99 after start-up");
    assertEquals(440, i.timerLagMaxMs(), "the maximum still says how much a figure may be inflated");
  }
}
