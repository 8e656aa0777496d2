package io.chatload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.SummaryWriters;
import io.chatload.run.ExitCode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad targets and bad settings through the real simulation in a forked Gatling: the exit codes and
 * sentences of a run that cannot start, and a target dying mid-run. (Secrets: SmokeIT; an unknown
 * simulation name: run/SimulationCatalogTest.)
 */
class RobustnessIT {

  @Test
  void aRefusedConnectionFailsThePreflightInSecondsWithOneSentence() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    long start = System.nanoTime();
    GatlingRun.Result r = GatlingRun.run("EnterpriseLoad",
        Map.of("target.backendUrl", "http://127.0.0.1:" + closedPort), Duration.ofMinutes(1));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(ExitCode.PREFLIGHT.code(), r.exitCode(), r::toString);
    assertTrue(r.output().contains("Pre-flight check failed, no load was sent: health check http://127.0.0.1:" + closedPort
        + "/health: connection refused"), r::toString);
    assertFalse(r.output().contains("\tat "), () -> "a sentence, not a stack trace:\n" + r);
    assertTrue(seconds < 30, "failed fast: " + seconds + " s");
  }

  /** The golden-path pre-flight through Gatling's runner: a demo-mode deployment stops before load, exit 4, one sentence. */
  @Test
  void aDemoModeTargetStopsBeforeLoadNamingDemoMode() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("users", "2", "reference.demoMode", "true"), Duration.ofMinutes(2));
    assertEquals(ExitCode.PREFLIGHT.code(), r.exitCode(), r::toString);
    assertTrue(r.output().contains("Pre-flight check failed, no load was sent: WebSocket ws://")
        && r.output().contains("the platform runs in demo mode (DEMO_MODE=1"), r::toString);
    assertTrue(r.runFolder().isEmpty(), () -> "no load, no report\n" + r);
  }

  /**
   * The target is closed 4 s after the first user's login (watched on its counters, so the forked
   * JVM's start and pre-flight take what they take): the run stops itself once nobody gets an answer
   * for the abort rule's time, writes its report and summary, and does not storm the dead port.
   */
  @Test
  void aTargetThatDiesMidRunStopsTheRunEarlyAndTheReportIsStillWritten() throws Exception {
    ReferenceTarget target = ReferenceTarget.start(ReferenceConfig.defaults().withLatencyScale(0.3));
    try (TargetKiller killer = TargetKiller.afterFirstLogin(target, Duration.ofSeconds(4))) {
      GatlingRun.Result r = GatlingRun.run("EnterpriseLoad",
          Map.of("target.backendUrl", target.backendUrl().toString(), "sla", AutoStopIT.SLA,
              "users", "20", "ramp", "2", "hold", "25", "turns", "3", "health.interval", "2"),
          Map.of("LOADTEST_PASSWORD", "loadtest-password"),
          Duration.ofMinutes(2));
      assertEquals(ExitCode.SLA_FAILED.code(), r.exitCode(), () -> "a failed run, nothing may crash:\n" + r);
      Path folder = r.runFolder().orElseThrow(() -> new AssertionError("no run folder:\n" + r));
      assertTrue(Files.exists(folder.resolve("index.html")), r::toString);
      assertTrue(r.output().contains("Connection refused") || r.output().contains("WebSocket crashed"), r::toString);
      assertTrue(killer.killedAtMillis() > 0, "the target was killed mid-run");

      SlaSummary.StoppedEarly stop = SlaSummary.readJson(folder.resolve(SummaryWriters.JSON)).stoppedEarly();
      assertNotNull(stop, r::toString);
      assertTrue(stop.cause().contains("target unreachable"), stop.cause());
      RunResults results = RunResults.read(folder);
      long stoppedAt = results.startMillis + Math.round(stop.atSeconds() * 1000);
      double afterKill = (stoppedAt - killer.killedAtMillis()) / 1000.0;
      LoginRate dead = LoginRate.of(results, killer.killedAtMillis() - results.startMillis, stoppedAt - results.startMillis + 1000);
      System.out.printf("RobustnessIT target killed: stopped %.1f s after the kill; %d logins in all; while dead %s%n",
          afterKill, results.request("login").map(RunResults.RequestStats::count).getOrElse(() -> 0L), dead);
      assertTrue(afterKill <= AutoStopIT.WINDOW_S + AutoStopIT.FOR_S + 3, "stopped " + afterKill + " s after the kill");
      LoginRate clean = AutoStopIT.cleanRate();
      assertTrue(dead.perSecond() <= 2 * clean.perSecond(), "no retry storm against a dead port: " + dead + "; clean " + clean);
    } finally {
      target.close();
    }
  }

  @Test
  void aBadSettingStopsTheRunBeforeLoadWithOneSentence() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("target.wsUrl", "http://127.0.0.1:1/ws", "target.backendUrl", "http://127.0.0.1:1"),
        Duration.ofMinutes(1));
    assertEquals(ExitCode.CONFIGURATION.code(), r.exitCode(), r::toString);
    assertTrue(r.output().contains("Configuration error: target.wsUrl=http://127.0.0.1:1/ws has scheme 'http'; accepted schemes: ws, wss"), r::toString);
    assertFalse(r.output().contains("\tat "), r::toString);
  }
}
