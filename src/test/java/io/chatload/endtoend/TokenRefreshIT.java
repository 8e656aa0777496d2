package io.chatload.endtoend;

import io.chatload.run.ExitCode;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Soak outliving its users' tokens refreshes them and passes; a refused refresh fails the run on
 * its run-level SLA. (The dialects: journey/FaultMatrixTest in-process, SmokeIT end to end.)
 */
@Execution(ExecutionMode.CONCURRENT)
class TokenRefreshIT {

  /** Four users, two turns 2-3 s apart, with tokens that live 4 s: each renews its token before its second turn. */
  private static final String SOAK = "users=4 ramp=1 hold=6 turns=2 thinkMin=2 thinkMax=3 health.interval=0 reference.tokenTtl=4";

  @Test
  void aSoakOutlivingItsTokensRefreshesThem() throws Exception {
    GatlingRun.Result refreshed = GatlingRun.run("Soak", GatlingRun.properties(SOAK), Duration.ofMinutes(2));
    assertEquals(ExitCode.HELD.code(), refreshed.exitCode(), refreshed::toString);
    JsonNode refresh = request(summary(refreshed), "refresh");
    assertTrue(refresh.get("count").asLong() >= 4 && refresh.get("ko").asLong() == 0, refreshed::toString);
  }

  @Test
  void aRefusedRefreshFailsTheRun() throws Exception {
    GatlingRun.Result refused = GatlingRun.run("Soak", GatlingRun.properties(SOAK + " reference.faults=refresh-fail=1"),
        Duration.ofMinutes(2));
    assertEquals(ExitCode.RUN_CHECK_FAILED.code(), refused.exitCode(), () -> "a refused refresh is a failed run-level SLA:\n" + refused);
    JsonNode check = summary(refused).get("checks").get(0);
    assertEquals("refresh SLA", check.get("name").asText());
    assertTrue(check.get("detail").asText().contains("failed (limit 0.0 %)"), check::toString);
  }

  private static JsonNode summary(GatlingRun.Result r) throws Exception {
    Path folder = r.runFolder().orElseThrow(() -> new AssertionError("no run folder:\n" + r));
    return Json.MAPPER.readTree(folder.resolve("sla-summary.json").toFile());
  }

  private static JsonNode request(JsonNode summary, String name) {
    for (JsonNode n : summary.get("requests")) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no request '" + name + "' in " + summary.get("requests"));
  }
}
