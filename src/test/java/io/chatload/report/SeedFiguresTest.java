package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform team's throughput figure under stress, judged on Stress's step figures. */
class SeedFiguresTest {
  private static SlaSummary.Step step(int users, double runsPerSec, boolean held) {
    return new SlaSummary.Step(users, runsPerSec, 900.0, held ? 0 : 12, held);
  }

  @Test
  void aStepThatHeldTheSlaAboveTheFigurePasses() {
    var c = RunChecks.messagesPerSecUnderLoad(List.of(step(200, 5, true), step(400, 9.5, true), step(600, 20, false)), 50);
    assertTrue(c.passed(), c.detail());
    assertEquals("57 messages/s (9.5 runs/s × 6) at 400 users, SLA held", c.detail());
  }

  @Test
  void theSlaBreakingBeforeTheFigureFails() {
    var c = RunChecks.messagesPerSecUnderLoad(List.of(step(200, 5, true), step(400, 7, false)), 50);
    assertFalse(c.passed());
    assertEquals("the SLA broke first: at most 30 messages/s (5.0 runs/s × 6) at 200 users", c.detail());
  }

  @Test
  void aLoadTooSmallToReachTheFigureIsNotJudged() {
    var c = RunChecks.messagesPerSecUnderLoad(List.of(step(5, 1.5, true), step(10, 3, true)), 50);
    assertTrue(c.passed());
    assertTrue(c.detail().startsWith("not judged: every step held, but the load offered at most 18 messages/s"), c.detail());
  }
}
