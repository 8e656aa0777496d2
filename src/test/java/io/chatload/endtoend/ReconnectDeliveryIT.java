package io.chatload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.run.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Reconnect end to end: every run from 4 s on (past the pre-flight, whose user is the first virtual
 * user's) loses its socket once; with the platform's buffer the rest of
 * each run arrives on the new socket (lost 0, duplicated 0, a replay row), and with a global cap too
 * small for the users away at once the run fails naming the events lost.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReconnectDeliveryIT {

  @Test
  void everyInterruptedRunIsDeliveredOnTheNewSocket() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Reconnect",
        GatlingRun.properties("users=4 ramp=1 hold=6 turns=1 reference.faults=disconnect=1@4s"), Duration.ofMinutes(2));
    assertEquals(ExitCode.HELD.code(), r.exitCode(), r::toString);
    assertTrue(r.output().contains("lost: count of failed events is less than or equal to 0.0 : true (actual : 0.0)"), r::toString);
    assertTrue(r.output().contains("duplicated: count of failed events is less than or equal to 0.0 : true (actual : 0.0)"), r::toString);
    assertTrue(r.output().contains("replay: 95th percentile of response time is less than or equal to"), r::toString);
  }

  @Test
  void aGlobalCapTooSmallForTheUsersAwayFailsNamingTheLostEvents() throws Exception {
    // the shipped SLA with the event timeouts cut to 6 s: a lost agent_completed is known lost once the turn's time is up
    ObjectMapper json = new ObjectMapper();
    ObjectNode sla = (ObjectNode) json.readTree(Path.of("user-files/sla/embedded/Reconnect.json").toFile());
    sla.withObject("/events").fields().forEachRemaining(e -> ((ObjectNode) e.getValue()).put("timeoutMs", 6000).put("p99Ms", 6000).put("p95Ms", 5000));
    Path slaFile = Files.createTempFile(Path.of("target"), "reconnect-short-", ".json");
    json.writeValue(slaFile.toFile(), sla);
    Map<String, String> p = GatlingRun.properties(
        "users=20 ramp=1 hold=4 turns=1 reference.faults=disconnect=1@4s reference.buffer.global=5 sla=" + slaFile.toAbsolutePath());
    GatlingRun.Result r = GatlingRun.run("Reconnect", p, Duration.ofMinutes(2));
    assertNotEquals(0, r.exitCode(), r::toString);
    assertTrue(r.output().contains("lost: count of failed events is less than or equal to 0.0 : false"), r::toString);
    assertTrue(r.output().matches("(?s).*> lost across the reconnect: (agent_thinking|tool_executing|tool_completed|agent_completed) .*"), r::toString);
    assertFalse(r.output().contains("Auto-stop"), () -> "stopped early:\n" + r);
  }
}
