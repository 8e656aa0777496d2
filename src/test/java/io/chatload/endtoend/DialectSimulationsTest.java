package io.chatload.endtoend;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulations against the reference target speaking each dialect the real platform has spoken
 * (PROTOCOL.md): a clean run passes with 0 KO whatever the dialect, and its summary says which
 * dialect it saw and which identity fields isolation was judged on. Tokens that expire mid-run are
 * refreshed; a refused refresh fails the run.
 */
@Execution(ExecutionMode.CONCURRENT)
class DialectSimulationsTest {

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource(delimiter = '|', value = {
      "payload | target.message=frontend  | run_id; the platform sends no user_id; the platform sends no thread_id",
      "bridge  | target.wsAuth=subprotocol | run_id + user_id; the platform sends no thread_id",
      "flat    | target.message=frontend  | run_id + user_id + thread_id",
  })
  void smokePassesAndTheSummaryNamesWhatWasChecked(String dialect, String option, String identity) throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke",
        GatlingRun.properties("users=4 reference.dialect=" + dialect + " " + option), Duration.ofMinutes(2));
    assertEquals(0, r.exitCode(), r::toString);
    JsonNode checked = summary(r).get("checked");
    assertEquals(dialect, checked.get("dialect").asText());
    assertEquals(identity, checked.get("identityFields").asText());
    assertTrue(checked.get("timestamps").asText().startsWith("every one of the "), checked::toString);
    Path folder = r.runFolder().orElseThrow();
    assertTrue(Files.readString(folder.resolve("sla-summary.md")).contains("Wire dialect seen: **" + dialect + "**; isolation judged on " + identity));
    assertTrue(Files.readString(folder.resolve("sla-junit.xml")).contains("<property name=\"dialect\" value=\"" + dialect + "\"/>"));
    assertTrue(Files.readString(folder.resolve("sla-summary.html")).contains(identity));
  }

  @Test
  void aSoakOutlivingItsTokensRefreshesThemAndFailsWhenRefreshIsRefused() throws Exception {
    String soak = "users=4 ramp=1 hold=15 turns=4 thinkMin=2 thinkMax=3 health.interval=0 reference.tokenTtl=4";
    GatlingRun.Result refreshed = GatlingRun.run("Soak", GatlingRun.properties(soak), Duration.ofMinutes(2));
    assertEquals(0, refreshed.exitCode(), refreshed::toString);
    JsonNode refresh = request(summary(refreshed), "refresh");
    assertTrue(refresh.get("count").asLong() >= 4 && refresh.get("ko").asLong() == 0, refreshed::toString);

    GatlingRun.Result refused = GatlingRun.run("Soak", GatlingRun.properties(soak + " reference.faults=refresh-fail=1"),
        Duration.ofMinutes(2));
    assertEquals(5, refused.exitCode(), () -> "a refused refresh is a failed run-level SLA:\n" + refused);
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
