package io.chatload.endtoend;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.report.RunResults;
import io.chatload.report.RunSummary;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.SummaryWriters;
import io.chatload.run.RunAborted;
import io.chatload.run.SimulationCatalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bad targets, bad names and secrets, through the real simulation in a forked Gatling. */
@Isolated
class RobustnessTest {
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.");

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
    assertEquals(RunAborted.PREFLIGHT, r.exitCode(), r::toString);
    assertTrue(r.output().contains("Pre-flight check failed, no load was sent: health check http://127.0.0.1:" + closedPort
        + "/health: connection refused"), r::toString);
    assertFalse(r.output().contains("\tat "), () -> "a sentence, not a stack trace:\n" + r);
    assertTrue(seconds < 30, "failed fast: " + seconds + " s");
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
          Map.of("target.backendUrl", target.backendUrl().toString(), "sla", AutoStopTest.SLA,
              "users", "20", "ramp", "2", "hold", "25", "turns", "3", "health.interval", "2"),
          Map.of("LOADTEST_PASSWORD", "loadtest-password"),
          Duration.ofMinutes(2));
      assertEquals(RunSummary.EXIT_SLA_FAILED, r.exitCode(), () -> "a failed run, nothing may crash:\n" + r);
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
      System.out.printf("RobustnessTest target killed: stopped %.1f s after the kill; %d logins in all; while dead %s%n",
          afterKill, results.request("login").map(RunResults.RequestStats::count).getOrElse(() -> 0L), dead);
      assertTrue(afterKill <= AutoStopTest.WINDOW_S + AutoStopTest.FOR_S + 3, "stopped " + afterKill + " s after the kill");
      LoginRate clean = AutoStopTest.cleanRate();
      assertTrue(dead.perSecond() <= 2 * clean.perSecond(), "no retry storm against a dead port: " + dead + "; clean " + clean);
    } finally {
      target.close();
    }
  }

  @Test
  void noTokenOrSecretReachesTheConsoleOrTheRunFolder() throws Exception {
    String secret = "s3cret-signing-key-for-the-leak-test-0123456789";
    String bypass = "bypass-key-for-the-leak-test-9876543210";
    List<GatlingRun.Result> runs = new ArrayList<>();
    for (String auth : List.of("mint", "e2e-bypass", "login")) {
      runs.add(GatlingRun.run("Smoke", Map.of("users", "3", "target.auth", auth,
              // a contract breach makes Gatling print KO messages with frame snippets
              "reference.faults", "malformed=0.5", "reference.seed", "5"),
          Map.of("JWT_SECRET_KEY", secret, "E2E_OAUTH_SIMULATION_KEY", bypass), Duration.ofMinutes(2)));
    }
    for (GatlingRun.Result r : runs) {
      List<String> texts = new ArrayList<>();
      texts.add(r.output());
      try (Stream<Path> files = Files.walk(r.resultsDir())) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
      assertTrue(texts.size() > 3, "the run folder was scanned");
      for (String text : texts) {
        assertFalse(text.contains(secret), "signing secret leaked");
        assertFalse(text.contains(bypass), "bypass key leaked");
        assertFalse(JWT.matcher(text).find(), () -> "a JWT leaked: " + JWT.matcher(text).results().findFirst().get().group());
      }
    }
  }

  @Test
  void anUnknownSimulationNamesTheAvailableOnes() {
    String msg = SimulationCatalog.problemWith("EnterprizeLoad").orElseThrow();
    assertTrue(msg.startsWith("simulation=EnterprizeLoad is unknown; available: "), msg);
    for (String name : List.of("EnterpriseLoad", "Smoke", "MultiUserIsolation", "Soak", "Spike", "Stress", "Reconnect", "TimeoutReproduction")) {
      assertTrue(msg.contains(name), msg);
    }
    assertFalse(msg.contains("ChatSimulation"), "abstract base is not runnable: " + msg);
    assertTrue(SimulationCatalog.problemWith("Smoke").isEmpty());
  }

  @Test
  void aBadSettingStopsTheRunBeforeLoadWithOneSentence() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("target.wsUrl", "http://127.0.0.1:1/ws", "target.backendUrl", "http://127.0.0.1:1"),
        Duration.ofMinutes(1));
    assertEquals(RunAborted.CONFIGURATION, r.exitCode(), r::toString);
    assertTrue(r.output().contains("Configuration error: target.wsUrl=http://127.0.0.1:1/ws has scheme 'http'; accepted schemes: ws, wss"), r::toString);
    assertFalse(r.output().contains("\tat "), r::toString);
  }
}
