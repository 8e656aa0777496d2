package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.LoadSettings;
import io.chatload.config.RunSettings;
import io.chatload.journey.FrameTally;
import io.chatload.run.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The end of a run fails closed: a summary that cannot be judged or written ends the run non-zero with one sentence. */
@Isolated // it swaps System.err
class RunSummaryFailsClosedTest {
  private static final LoadSettings LOAD =
      LoadSettings.atOnce(1).turns(1).thinking(Duration.ofSeconds(1), Duration.ofSeconds(1));

  private static RunSummary.RunEnd end(java.util.function.Function<RunResults, List<SlaSummary.Check>> checks) {
    Properties p = new Properties();
    p.setProperty(RunSettings.DEFAULT_TARGET_PROPERTY, "embedded");
    RunSettings run = RunSettings.load(p, Map.of(), "Smoke", LOAD);
    return new RunSummary.RunEnd("Smoke", run, checks, results -> List.of(), Optional::empty, List.of(), null, FrameTally.Counts.NONE,
        SlaSummary.Checked.NONE);
  }

  private static String stderrOf(Runnable r) {
    PrintStream was = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(was);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRunLogThatCannotBeReadFailsTheRunWithOneSentence(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("smoke-20261202000000000"));
    Files.writeString(folder.resolve("simulation.log"), "not a Gatling log");
    int[] code = new int[1];
    String err = stderrOf(() -> code[0] = RunSummary.concludeOrFail(end(results -> List.of()), folder));
    assertEquals(ExitCode.SUMMARY_FAILED.code(), code[0]);
    assertTrue(err.contains("The SLA summary of " + folder + " could not be judged or written (")
        && err.contains("the run fails with exit code 7."), err);
    assertEquals(1, err.strip().lines().count(), "one sentence, no stack trace: " + err);
  }
}
