package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.MessageStyle;
import io.chatload.sla.SlaSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The warm-up judges the reference target's own frames in every dialect, which must all pass (a
 * breach would be a bug in the judge or the target), and leaves nothing behind in the run's counts.
 */
class JitWarmUpTest {

  @ParameterizedTest
  @EnumSource(MessageStyle.class)
  void everyDialectsFramesPassTheJudgeTurnAfterTurn(MessageStyle style) {
    assertNull(JitWarmUp.judgeTurns(SlaSpec.load("embedded"), style, 40));
  }

  @Test
  void leavesTheRunsCountsAsItFoundThem() {
    JitWarmUp.Result r = JitWarmUp.run(SlaSpec.load("embedded"), MessageStyle.CONTRACT);
    assertNull(r.stoppedBy(), r.describe());
    assertTrue(r.turns() >= JitWarmUp.TURNS, r.describe());
    assertTrue(r.millis() < JitWarmUp.BOUND_MS + 5_000, r.describe());
    assertTrue(CheckCoverage.dialects().startsWith("none seen"), CheckCoverage.dialects());
    assertTrue(KoSamples.snapshot().isEmpty());
    assertEquals(0, Conversation.LEAKS.get());
    assertTrue(r.describe().contains("4 dialects"), r.describe());
  }

  @Test
  void countsWhatTheCompilerQueueHoldsAsJcmdPrintsIt() {
    String busy = "Current compiles: \nC2 CompilerThread0  1154   !   4       a.B::c (497 bytes)\n\nC1 compile queue:\nEmpty\n\n"
        + "C2 compile queue:\n1153       4       java.util.HashMap::put (13 bytes)\n1158       4       a.B::d (16 bytes)\n\n";
    assertEquals(3, JitWarmUp.CompilerQueue.pending(busy));
    assertEquals(0, JitWarmUp.CompilerQueue.pending("Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n"));
  }
}
