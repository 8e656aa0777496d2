package io.chatload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.SummaryWriters;
import io.chatload.run.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guard rails through the real EnterpriseLoad in a forked Gatling: a fault that starts mid-run makes
 * the run stop itself within the abort rule's time (the test SLA: more than half failing over 3 s
 * windows for 5 s), with its report, a summary that says why, the SLA failure code, and no retry
 * storm — logins per second stay within twice a clean run's. A clean run is not stopped.
 */
class AutoStopIT {
  static final String SLA = "src/test/resources/sla-tests/fast-abort.json";
  /** 20 closed users for ~27 s, runs ~0.3-1 s, health every 2 s. */
  static final String LOAD = "users=20 ramp=2 hold=25 reference.latencyScale=0.3 health.interval=2 sla=" + SLA;
  /** Ramp and hold of {@link #LOAD}: while users are injected (and replaced). */
  static final int LOAD_SECONDS = 27;
  /** When the faults start, after the target's start (past the pre-flight and the ramp). */
  static final int ONSET_S = 8;
  /** The test SLA's abort rule: window and sustain, and the event timeout a stall takes to show. */
  static final int WINDOW_S = 3;
  static final int FOR_S = 5;
  static final int TIMEOUT_S = 4;

  private static GatlingRun.Result clean;
  private static LoginRate cleanRate;

  /** The clean run, once: the login rate the failure modes are held to. */
  static synchronized LoginRate cleanRate() throws Exception {
    if (cleanRate == null) {
      GatlingRun.Result r = GatlingRun.run("EnterpriseLoad", GatlingRun.properties(LOAD), Duration.ofMinutes(2));
      RunResults results = RunResults.read(r.runFolder().orElseThrow(() -> new AssertionError("no report:\n" + r)));
      clean = r;
      long injectFrom = results.injectStartMillis - results.startMillis;
      cleanRate = LoginRate.of(results, injectFrom, injectFrom + LOAD_SECONDS * 1000L); // the load shape's own login rate
      System.out.println("AutoStopIT clean run: " + cleanRate + "; " + r.output().lines().filter(l -> l.startsWith("> login ")).reduce((a, b) -> b).orElse(""));
    }
    return cleanRate;
  }

  @Test
  void aCleanRunOfHalfAMinuteIsNotStopped() throws Exception {
    cleanRate();
    assertEquals(ExitCode.HELD.code(), clean.exitCode(), clean::toString);
    assertFalse(clean.output().contains("Auto-stop"), clean::toString);
    assertTrue(clean.output().contains("auto-stop: more than 50 % failing over 3 s windows for 5 s"), clean::toString);
    SlaSummary summary = SlaSummary.readJson(clean.runFolder().orElseThrow().resolve(SummaryWriters.JSON));
    assertNull(summary.stoppedEarly());
    assertTrue(summary.passed());
  }

  @ParameterizedTest(name = "{0} from {1} s stops the run: {2}")
  @CsvSource(delimiter = '|', value = {
      // a failed login, and a failed chat turn (error=1 and stall=1 fail a turn the same way: journey/FaultMatrixTest names each)
      "login-fail=1 | 0         | login failed",
      "disconnect=1 | 0         | chat turn failed",
  })
  void aFaultStartingMidRunStopsTheRunWithoutARetryStorm(String fault, int showsAfterS, String cause) throws Exception {
    Map<String, String> p = GatlingRun.properties(LOAD + " reference.faults=" + fault + "@" + ONSET_S + "s");
    GatlingRun.Result r = GatlingRun.run("EnterpriseLoad", p, Duration.ofMinutes(2));
    Path folder = r.runFolder().orElseThrow(() -> new AssertionError("no run folder:\n" + r));
    assertEquals(ExitCode.SLA_FAILED.code(), r.exitCode(), r::toString);
    assertTrue(Files.exists(folder.resolve("index.html")), "Gatling's report is written");
    assertTrue(r.output().contains("Auto-stop: the run is lost, stopping it: " + cause), r::toString);

    SlaSummary summary = SlaSummary.readJson(folder.resolve(SummaryWriters.JSON));
    SlaSummary.StoppedEarly stop = summary.stoppedEarly();
    assertNotNull(stop, r::toString);
    assertFalse(summary.passed());
    assertTrue(stop.cause().startsWith(cause), stop.cause());
    assertTrue(stop.activeUsers() > 0 && stop.activeUsers() <= 20, "the load at the stop: " + stop.activeUsers());
    double late = stop.atSeconds() - ONSET_S - showsAfterS;
    assertTrue(late <= WINDOW_S + FOR_S + 3, fault + " stopped " + late + " s after it showed");
    assertTrue(r.output().contains("Stopped early at "), r::toString);

    RunResults results = RunResults.read(folder);
    LoginRate cleanLogins = cleanRate(); // the clean run, alongside or after this one
    LoginRate failing = LoginRate.of(results, ONSET_S * 1000L, Math.round(stop.atSeconds() * 1000) + 1000);
    System.out.printf("AutoStopIT %s@%ds: stopped %.1f s into the run (%.1f s after the onset); %d logins in all; while failing %s; clean %s%n",
        fault, ONSET_S, stop.atSeconds(), stop.atSeconds() - ONSET_S,
        results.request("login").map(RunResults.RequestStats::count).getOrElse(() -> 0L), failing, cleanLogins);
    assertTrue(failing.perSecond() <= 2 * cleanLogins.perSecond(),
        () -> fault + ": " + failing + " while failing, more than twice the clean " + cleanLogins);
  }

  /** Stress stops once the first step that breaks the SLA has been held and judged, the same way. */
  @Test
  void stressStopsAtTheFirstBrokenStep() throws Exception {
    // steps of 5 users held 4 s after 1 s ramps: step 2 is held from ~6 s to ~10 s; the fault starts at 7 s
    GatlingRun.Result r = GatlingRun.run("Stress", GatlingRun.properties(
        "users=5 steps=4 ramp=1 hold=4 turns=1 reference.latencyScale=0.3 health.interval=0 reference.faults=error=1@7s"),
        Duration.ofMinutes(2));
    assertEquals(ExitCode.SLA_FAILED.code(), r.exitCode(), r::toString);
    SlaSummary.StoppedEarly stop = SlaSummary.readJson(r.runFolder().orElseThrow().resolve(SummaryWriters.JSON)).stoppedEarly();
    assertNotNull(stop, r::toString);
    assertTrue(stop.cause().startsWith("step 2 of 4 (10 users) broke the SLA"), stop.cause());
    assertTrue(stop.atSeconds() < 14, "stopped after step 2, before steps 3 and 4 ran: " + stop.atSeconds());
  }
}
