package io.chatload.endtoend;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.report.RunResults;
import io.chatload.report.RunSummary;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.SummaryWriters;
import io.chatload.run.RunAborted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary a real run leaves next to Gatling's report, and the trend against a baseline. */
@Execution(ExecutionMode.CONCURRENT)
class RunSummaryTest {

  @Test
  void aRunLeavesItsSummaryAndABaselineFlagsAnInjectedRegression() throws Exception {
    GatlingRun.Result clean = GatlingRun.run("Smoke", Map.of("users", "4", "reference.seed", "1"), Duration.ofMinutes(2));
    assertEquals(0, clean.exitCode(), clean::toString);
    Path folder = clean.runFolder().orElseThrow();
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

    // the same run with every delay ×1.5: SLAs still hold, the trend flags the regression
    Path baseline = folder.resolve(SummaryWriters.JSON);
    GatlingRun.Result slower = GatlingRun.run("Smoke", Map.of("users", "4", "reference.seed", "1",
        "reference.faults", "slow=1.5", "baseline", baseline.toString()), Duration.ofMinutes(2));
    assertEquals(0, slower.exitCode(), () -> "a regression alone does not fail the run by default\n" + slower);
    SlaSummary later = SlaSummary.readJson(slower.runFolder().orElseThrow().resolve(SummaryWriters.JSON));
    assertTrue(later.trend().stream().anyMatch(d -> d.request().equals("agent_completed") && d.metric().equals("p95Ms") && d.regression()),
        () -> later.trend().toString());
    assertTrue(Files.readString(slower.runFolder().orElseThrow().resolve(SummaryWriters.MARKDOWN)).contains("regression"));

    GatlingRun.Result failing = GatlingRun.run("Smoke", Map.of("users", "4", "reference.seed", "1",
        "reference.faults", "slow=1.5", "baseline", baseline.toString(), "baseline.failOnRegression", "true"), Duration.ofMinutes(2));
    assertEquals(RunSummary.EXIT_RUN_CHECK_FAILED, failing.exitCode(), failing::toString);
    assertFalse(SlaSummary.readJson(failing.runFolder().orElseThrow().resolve(SummaryWriters.JSON)).passed());
  }

  @Test
  void aMissingBaselineIsAConfigurationError() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("baseline", "nowhere/sla-summary.json"), Duration.ofMinutes(1));
    assertEquals(RunAborted.CONFIGURATION, r.exitCode(), r::toString);
    assertTrue(r.output().contains("baseline=nowhere/sla-summary.json: no such file"), r::toString);
  }
}
