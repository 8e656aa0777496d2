package io.chatload.endtoend;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.injector.InjectorVerdict;
import io.chatload.report.RunSummary;
import io.chatload.report.SlaSummary;
import io.chatload.report.page.SummaryWriters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A saturated injector says so, and fails a strict run. It saturates the machine on purpose: no run
 * whose figures are timings may run beside it. (A clean run's injector figures: SmokeIT; a bad
 * threshold: config/RunSettingsTest.)
 */
@ResourceLock(value = GatlingRun.MACHINE, mode = ResourceAccessMode.READ_WRITE)
class InjectorSaturationIT {

  @Test
  void anInjectorSaturatedOnPurposeSaysSoAndFailsAStrictRun() throws Exception {
    // the test hook spins 4 threads per core for the whole run; thresholds low enough that it saturates the
    // injector on a busy shared machine too (where the spinning threads may get only a share of the cores)
    int burn = 4 * Runtime.getRuntime().availableProcessors();
    GatlingRun.Result r = GatlingRun.run("Smoke", Map.of("users", "2", "injector.watch.burnThreads", String.valueOf(burn),
        "injector.cpuPct", "25", "injector.cpuSeconds", "2", "injector.strict", "true"), Duration.ofMinutes(2));
    assertEquals(RunSummary.EXIT_INJECTOR_SATURATED, r.exitCode(), r::toString);
    assertTrue(r.output().contains("-Dinjector.strict=true: the run fails with exit code 6"), r::toString);
    Path folder = r.runFolder().orElseThrow();
    SlaSummary s = SlaSummary.readJson(folder.resolve(SummaryWriters.JSON));
    assertTrue(s.injector().saturated(), s.injector()::toString);
    assertTrue(s.injector().verdict().startsWith("Injector SATURATED: "), s.injector()::verdict);
    assertTrue(s.injector().verdict().contains("before blaming the platform"), s.injector()::verdict);
    assertFalse(s.passed());
    assertTrue(s.checks().stream().anyMatch(c -> c.name().equals(InjectorVerdict.CHECK) && !c.passed()), s.checks()::toString);
    assertTrue(Files.readString(folder.resolve(SummaryWriters.HTML)).contains("id=\"injector-warning\""));
    assertTrue(Files.readString(folder.resolve(SummaryWriters.MARKDOWN)).contains("> ⚠️ **Injector SATURATED"));
  }
}
