package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
  @Test
  void oneLinePerRunAppendedOnceAndReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/sla-history.jsonl");
    assertTrue(RunHistory.read(file).isEmpty(), "no file yet: no history");
    SlaSummary.HistoryRun first = RunHistory.lineOf(SampleSummaries.run(3200));
    RunHistory.append(file, first);
    RunHistory.append(file, first); // regenerating a summary does not count the run twice
    RunHistory.append(file, SampleSummaries.night(3, 1000, 0.5));
    assertEquals(2, Files.readAllLines(file).size());
    List<SlaSummary.HistoryRun> runs = RunHistory.read(file);
    assertEquals(3200, runs.get(0).p95Ms().get("agent_completed"));
    assertEquals(List.of("login", "connect", "welcome", "agent_started", "agent_thinking", "tool_executing", "tool_completed",
        "agent_completed", "journey", "health"), List.copyOf(runs.get(0).p95Ms().keySet()), "journey order");
    assertEquals(0.5, runs.get(1).errorPct().get("journey"));
  }

  @Test
  void aBrokenLineIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("h.jsonl");
    RunHistory.append(file, SampleSummaries.night(1, 1000, 0));
    Files.writeString(file, "{oops\n", java.nio.file.StandardOpenOption.APPEND);
    String msg = assertThrows(IllegalArgumentException.class, () -> RunHistory.read(file)).getMessage();
    assertTrue(msg.startsWith("line 2 is not a run record"), msg);
  }

  @Test
  void theMedianNeedsThreeEarlierRunsAndOnlyThisSimulationsOnThisTarget() {
    SlaSummary.HistoryRun now = SampleSummaries.night(20, 2000, 0);
    List<SlaSummary.HistoryRun> two = List.of(SampleSummaries.night(1, 1000, 0), SampleSummaries.night(2, 1000, 0));
    assertTrue(MedianTrend.judge("h", two, now, 7, 30, 10).vsMedian().isEmpty(), "two nights are not a median");
    SlaSummary.HistoryRun other = new SlaSummary.HistoryRun("Soak", "embedded", "2026-11-03T02:00:00Z", "x", true,
        java.util.Map.of("agent_completed", 9000), java.util.Map.of());
    SlaSummary.History h = MedianTrend.judge("h", List.of(two.get(0), two.get(1), other), now, 7, 30, 10);
    assertEquals(3, h.runs().size() + 0, "the other simulation's run is left out: 2 earlier + this one");
    assertTrue(h.vsMedian().isEmpty());
    assertEquals(1000.0, MedianTrend.median(List.of(900.0, 1000.0, 5000.0)));
    assertEquals(1000.0, MedianTrend.median(List.of(900.0, 1100.0, 800.0, 5000.0)));
  }

  @Test
  void theHistoryShowsAtMostRunsAndJudgesOnTheWindow() {
    List<SlaSummary.HistoryRun> nights = new java.util.ArrayList<>();
    for (int d = 1; d <= 20; d++) {
      nights.add(SampleSummaries.night(d, d <= 13 ? 3000 : 1000, 0)); // slow long ago, fast in the last 7
    }
    SlaSummary.History h = MedianTrend.judge("h", nights, SampleSummaries.night(21, 1300, 0), 7, 10, 10);
    assertEquals(10, h.runs().size());
    assertEquals("2026-11-21T02:00:00Z", h.runs().get(9).startedAt(), "this run last");
    assertTrue(h.vsMedian().stream().anyMatch(x -> x.request().equals("agent_completed") && x.regression() && x.baseline() == 1000.0));
  }
}
