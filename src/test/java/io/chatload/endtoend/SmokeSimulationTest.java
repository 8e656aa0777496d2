package io.chatload.endtoend;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.contract.AgentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real Smoke simulation, through Gatling's own runner, against a clean embedded target. */
@Execution(ExecutionMode.CONCURRENT)
class SmokeSimulationTest {

  @Test
  void passesOnACleanTargetAndWritesTheReport() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("users", "4"), Duration.ofMinutes(2));
    assertEquals(0, r.exitCode(), r::toString);
    for (AgentEvent e : AgentEvent.values()) {
      assertTrue(r.output().contains(e.wireName()), "the console names " + e.wireName());
    }
    assertTrue(r.output().contains("agent_completed: 95th percentile of response time is less than or equal to"), r::toString);
    Path run = r.runFolder().orElseThrow(() -> new AssertionError("no run folder\n" + r));
    assertTrue(Files.exists(run.resolve("index.html")), "HTML report written");
  }

  /** The golden-path pre-flight through Gatling's runner: a demo-mode deployment stops before load, exit 4, one sentence. */
  @Test
  void aDemoModeTargetStopsBeforeLoadNamingDemoMode() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("users", "2", "reference.demoMode", "true"), Duration.ofMinutes(2));
    assertEquals(4, r.exitCode(), r::toString);
    assertTrue(r.output().contains("Pre-flight check failed, no load was sent: WebSocket ws://")
        && r.output().contains("the platform runs in demo mode (DEMO_MODE=1"), r::toString);
    assertTrue(r.runFolder().isEmpty(), () -> "no load, no report\n" + r);
  }

  @Test
  void theSubprotocolFormAndTheOtherAuthModesWorkToo() throws Exception {
    for (Map<String, String> variant : new Map[] {
        Map.of("users", "2", "target.wsAuth", "subprotocol"),
        Map.of("users", "2", "target.auth", "mint"),
        Map.of("users", "2", "target.auth", "e2e-bypass"),
        Map.of("users", "2", "reference.tls", "true")}) {
      GatlingRun.Result r = GatlingRun.run("Smoke", variant, Duration.ofMinutes(2));
      assertEquals(0, r.exitCode(), () -> variant + "\n" + r);
    }
  }
}
