package io.chatload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.SummaryWriters;
import io.chatload.run.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real Smoke simulation through Gatling's own runner: what a run leaves (Gatling's report, the
 * four summary files), a check KO failing the run, a non-default dialect and
 * auth path passing, the trend against a baseline, and no secret anywhere. Five forked runs, three of
 * them read by several tests. The fault × dialect matrix itself is judged in-process (journey/FaultMatrixTest).
 */
class SmokeIT {
  private static final String SECRET = "s3cret-signing-key-for-the-leak-test-0123456789";
  private static final String BYPASS = "bypass-key-for-the-leak-test-9876543210";
  private static final Map<String, String> SECRETS = Map.of("JWT_SECRET_KEY", SECRET, "E2E_OAUTH_SIMULATION_KEY", BYPASS);
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.");

  /** A clean target, users logging in: the baseline of the trend runs below. */
  private static final GatlingRun.Shared CLEAN = new GatlingRun.Shared(() ->
      GatlingRun.run("Smoke", Map.of("users", "4", "reference.seed", "1"), SECRETS, Duration.ofMinutes(2)));
  /** A check KO: half the frames not JSON (Gatling prints KO messages with frame snippets), users from e2e test-auth. */
  private static final GatlingRun.Shared MALFORMED = new GatlingRun.Shared(() ->
      GatlingRun.run("Smoke", Map.of("users", "3", "target.auth", "e2e-bypass", "reference.faults", "malformed=0.5", "reference.seed", "5"),
          SECRETS, Duration.ofMinutes(2)));
  /** The bridge dialect (beta-11+) over TLS, tokens minted with the signing secret and sent as a subprotocol. */
  private static final GatlingRun.Shared BRIDGE = new GatlingRun.Shared(() ->
      GatlingRun.run("Smoke", GatlingRun.properties("users=4 reference.dialect=bridge target.wsAuth=subprotocol target.auth=mint reference.tls=true"),
          SECRETS, Duration.ofMinutes(2)));

  @Test
  void aCleanRunPassesAndWritesGatlingsReport() throws Exception {
    GatlingRun.Result r = CLEAN.get();
    assertEquals(ExitCode.HELD.code(), r.exitCode(), r::toString);
    for (AgentEvent e : AgentEvent.values()) {
      assertTrue(r.output().contains(e.wireName()), "the console names " + e.wireName());
    }
    assertTrue(r.output().contains("agent_completed: 95th percentile of response time is less than or equal to"), r::toString);
    assertTrue(Files.exists(folder(r).resolve("index.html")), "HTML report written");
  }

  @Test
  void aCleanRunLeavesItsSummary() throws Exception {
    Path folder = folder(CLEAN.get());
    for (String f : new String[] {SummaryWriters.JSON, SummaryWriters.HTML, SummaryWriters.MARKDOWN, SummaryWriters.JUNIT}) {
      assertTrue(Files.size(folder.resolve(f)) > 200, f + " written");
    }
    SlaSummary summary = SlaSummary.readJson(folder.resolve(SummaryWriters.JSON));
    assertTrue(summary.passed());
    assertEquals("Smoke", summary.run().simulation());
    assertEquals(0, summary.crossUserLeaks());
    RunResults.RequestStats completed = summary.requests().stream().filter(r -> r.name().equals("agent_completed")).findFirst().orElseThrow();
    assertEquals(4, completed.count());
    assertTrue(completed.p95() > 500 && completed.p95() < 5000, "a run takes 1-3 s: " + completed.p95());
    assertTrue(summary.slas().stream().anyMatch(s -> s.name().startsWith("agent_completed: 95th percentile") && s.threshold() == 5000.0 && s.passed()));
    String junit = Files.readString(folder.resolve(SummaryWriters.JUNIT));
    assertTrue(junit.contains("<testsuite name=\"SLA Smoke\"") && junit.contains("failures=\"0\""), junit);
    assertTrue(Files.readString(folder.resolve(SummaryWriters.HTML)).contains("All SLAs held"));
  }

  /** The same run with every delay ×1.5: SLAs still hold, the trend flags the regression, and fails the run only when asked to. */
  @Test
  void aBaselineFlagsAnInjectedRegression() throws Exception {
    Path baseline = folder(CLEAN.get()).resolve(SummaryWriters.JSON);
    Map<String, String> slower = Map.of("users", "4", "reference.seed", "1", "reference.faults", "slow=1.5", "baseline", baseline.toString());
    GatlingRun.Result flagged = GatlingRun.run("Smoke", slower, Duration.ofMinutes(2));
    assertEquals(ExitCode.HELD.code(), flagged.exitCode(), () -> "a regression alone does not fail the run by default\n" + flagged);
    SlaSummary later = SlaSummary.readJson(folder(flagged).resolve(SummaryWriters.JSON));
    assertTrue(later.trend().stream().anyMatch(d -> d.request().equals("agent_completed") && d.metric().equals("p95Ms") && d.regression()),
        () -> later.trend().toString());
    assertTrue(Files.readString(folder(flagged).resolve(SummaryWriters.MARKDOWN)).contains("regression"));
  }

  @Test
  void aRegressionFailsTheRunWhenAskedTo() throws Exception {
    Path baseline = folder(CLEAN.get()).resolve(SummaryWriters.JSON);
    GatlingRun.Result failing = GatlingRun.run("Smoke", Map.of("users", "4", "reference.seed", "1",
        "reference.faults", "slow=1.5", "baseline", baseline.toString(), "baseline.failOnRegression", "true"), Duration.ofMinutes(2));
    assertEquals(ExitCode.RUN_CHECK_FAILED.code(), failing.exitCode(), failing::toString);
    assertFalse(SlaSummary.readJson(folder(failing).resolve(SummaryWriters.JSON)).passed());
  }

  /** A frame check's KO fails the run through Gatling's assertions, named as the Conversation names it. */
  @Test
  void aCheckKoFailsTheRunAndIsNamed() throws Exception {
    GatlingRun.Result r = MALFORMED.get();
    assertEquals(ExitCode.SLA_FAILED.code(), r.exitCode(), r::toString);
    assertTrue(r.output().contains("malformed frame"), r::toString);
    assertFalse(SlaSummary.readJson(folder(r).resolve(SummaryWriters.JSON)).passed());
  }

  /** A clean run in another dialect passes, and its summary says which dialect it saw and what isolation was judged on. */
  @Test
  void anotherDialectPassesAndTheSummaryNamesWhatWasChecked() throws Exception {
    GatlingRun.Result r = BRIDGE.get();
    assertEquals(ExitCode.HELD.code(), r.exitCode(), r::toString);
    String identity = "run_id + user_id; the platform sends no thread_id";
    Path folder = folder(r);
    JsonNode checked = Json.MAPPER.readTree(folder.resolve(SummaryWriters.JSON).toFile()).get("checked");
    assertEquals("bridge", checked.get("dialect").asText());
    assertEquals(identity, checked.get("identityFields").asText());
    assertTrue(checked.get("timestamps").asText().startsWith("every one of the "), checked::toString);
    assertTrue(Files.readString(folder.resolve(SummaryWriters.MARKDOWN)).contains("Wire dialect seen: **bridge**; isolation judged on " + identity));
    assertTrue(Files.readString(folder.resolve(SummaryWriters.JUNIT)).contains("<property name=\"dialect\" value=\"bridge\"/>"));
    assertTrue(Files.readString(folder.resolve(SummaryWriters.HTML)).contains(identity));
  }

  /** Three auth paths (login, e2e test-auth with KOs printing frames, minted tokens): no token or secret in the console or the run folder. */
  @Test
  void noTokenOrSecretReachesTheConsoleOrTheRunFolder() throws Exception {
    for (GatlingRun.Shared run : List.of(CLEAN, MALFORMED, BRIDGE)) {
      GatlingRun.Result r = run.get();
      List<String> texts = new ArrayList<>();
      texts.add(r.output());
      try (Stream<Path> files = Files.walk(r.resultsDir())) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
      assertTrue(texts.size() > 3, "the run folder was scanned");
      for (String text : texts) {
        assertFalse(text.contains(SECRET), "signing secret leaked");
        assertFalse(text.contains(BYPASS), "bypass key leaked");
        assertFalse(JWT.matcher(text).find(), () -> "a JWT leaked: " + JWT.matcher(text).results().findFirst().get().group());
      }
    }
  }

  private static Path folder(GatlingRun.Result r) {
    return r.runFolder().orElseThrow(() -> new AssertionError("no run folder:\n" + r));
  }
}
