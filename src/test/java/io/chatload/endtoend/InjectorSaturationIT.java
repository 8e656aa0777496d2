package io.chatload.endtoend;

import io.chatload.run.ExitCode;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.injector.InjectorVerdict;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.SummaryWriters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every run's summary carries the injector's own figures; a saturated injector says so, and fails a
 * strict run. Both need the machine to themselves: one judges "not saturated", the other saturates
 * the machine on purpose. (A bad threshold: config/RunSettingsTest.)
 */
@Isolated
@Execution(ExecutionMode.SAME_THREAD)
class InjectorSaturationIT {

  @Test
  void aSmokeRunReportsTheInjectorsFiguresAndIsNotSaturated() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("users", "4"), Duration.ofMinutes(2));
    assertEquals(ExitCode.HELD.code(), r.exitCode(), r::toString);
    Path folder = r.runFolder().orElseThrow();
    SlaSummary s = SlaSummary.readJson(folder.resolve(SummaryWriters.JSON));
    SlaSummary.Injector i = s.injector();
    assertNotNull(i, "the summary has the injector's figures");
    assertFalse(i.saturated(), i::verdict);
    assertTrue(i.watchedSeconds() >= 1, "watched for the run: " + i.watchedSeconds());
    assertTrue(i.cores() >= 1 && i.cpuPctMax() > 0 && i.cpuPctMax() <= 100, i::toString);
    assertTrue(i.timerLagMaxMs() >= 0 && i.timerLagP99Ms() <= i.timerLagMaxMs(), i::toString);
    assertTrue(i.verdict().startsWith("Injector not saturated."), i::verdict);
    assertTrue(r.output().contains("Injector not saturated."), "the console says it too");
    assertTrue(Files.readString(folder.resolve(SummaryWriters.HTML)).contains("id=\"injector-table\""));
    assertTrue(Files.readString(folder.resolve(SummaryWriters.MARKDOWN)).contains("🟢 injector: Injector not saturated."));
    assertEquals(SlaSummary.HELD, s.verdict(), s.measurement()::toString);
    assertTrue(s.measurement().framesJudged() > 0, s.measurement()::toString);
    assertTrue(r.output().contains("VERDICT: HELD"), "the console's verdict line");
  }

  @Test
  void anInjectorSaturatedOnPurposeSaysSoAndMakesAStrictRunInconclusive() throws Exception {
    // the test hook spins 4 threads per core for the whole run; thresholds low enough that it saturates the
    // injector on a busy shared machine too (where the spinning threads may get only a share of the cores)
    int burn = 4 * Runtime.getRuntime().availableProcessors();
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("users", "2", "injector.watch.burnThreads", String.valueOf(burn),
        "injector.cpuPct", "25", "injector.cpuSeconds", "2", "injector.strict", "true"), Duration.ofMinutes(2));
    assertEquals(ExitCode.INCONCLUSIVE.code(), r.exitCode(), r::toString);
    assertTrue(r.output().contains("The run is inconclusive: exit code 6"), r::toString);
    assertTrue(r.output().contains("VERDICT: INCONCLUSIVE"), r::toString);
    Path folder = r.runFolder().orElseThrow();
    SlaSummary s = SlaSummary.readJson(folder.resolve(SummaryWriters.JSON));
    assertTrue(s.injector().saturated(), s.injector()::toString);
    assertTrue(s.injector().verdict().startsWith("Injector SATURATED: "), s.injector()::verdict);
    assertTrue(s.injector().verdict().contains("before blaming the platform"), s.injector()::verdict);
    assertFalse(s.passed());
    assertEquals(SlaSummary.INCONCLUSIVE, s.verdict());
    assertTrue(s.measurement().why().contains("-Dinjector.strict=true"), s.measurement()::why);
    String page = Files.readString(folder.resolve(SummaryWriters.HTML));
    assertTrue(page.contains("id=\"injector-warning\""));
    assertTrue(page.contains("data-verdict=\"inconclusive\""));
    assertTrue(Files.readString(folder.resolve(SummaryWriters.MARKDOWN)).contains("> ⚠️ **Injector SATURATED"));
  }
}
