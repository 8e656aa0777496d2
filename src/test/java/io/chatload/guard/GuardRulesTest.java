package io.chatload.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.sla.SlaSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The auto-stop's rules and the failed users' back-off, on a clock the test drives. */
class GuardRulesTest {
  private static final long T0 = 1_700_000_000L; // epoch seconds
  private final OutcomeWindow window = new OutcomeWindow();
  private final AbortRule rule = new AbortRule(new SlaSpec.Abort(50.0, 5, 3), List.of(Watched.LOGIN, Watched.TURN));

  private void record(String name, long second, int ok, int ko) {
    for (int i = 0; i < ok; i++) {
      window.record(name, true, 100, second * 1000);
    }
    for (int i = 0; i < ko; i++) {
      window.record(name, false, 100, second * 1000);
    }
  }

  @Test
  void aSustainedFailureStopsAfterForSecondsAndNamesWhatFailed() {
    for (long s = T0; s < T0 + 10; s++) {
      record(Watched.LOGIN, s, 0, 2);
    }
    Optional<String> cause = Optional.empty();
    long stoppedAt = 0;
    for (long now = T0 + 1; now <= T0 + 10 && cause.isEmpty(); now++) {
      cause = rule.judgeSecond(window, now);
      stoppedAt = now;
    }
    assertEquals(T0 + 6, stoppedAt, "failing from its first window (T0+1) for 5 s");
    assertTrue(cause.orElseThrow().startsWith("login failed 100 % of 6 times over 3 s, above 50 % for 5 s"), cause.get());
  }

  @Test
  void aRecoveryClearsAndSilenceAfterAFailureDoesNot() {
    record(Watched.TURN, T0, 0, 3);
    assertTrue(rule.judgeSecond(window, T0 + 1).isEmpty());
    record(Watched.TURN, T0 + 3, 10, 0); // recovered
    assertTrue(rule.judgeSecond(window, T0 + 4).isEmpty());
    record(Watched.TURN, T0 + 6, 0, 3); // failing again from T0+7, then nothing: every user backs off
    for (long now = T0 + 7; now < T0 + 12; now++) {
      assertTrue(rule.judgeSecond(window, now).isEmpty(), "not yet at " + (now - T0));
    }
    assertTrue(rule.judgeSecond(window, T0 + 12).orElseThrow().startsWith("chat turn failed 100 % of 3 times"));
  }

  @Test
  void singleFailuresTricklingBackFromBackOffNeitherStartNorClearAFailure() {
    assertTrue(rule.judgeSecond(window, T0).isEmpty());
    record(Watched.TURN, T0 + 1, 0, 1); // a lone KO in a quiet window: not failing yet
    assertTrue(rule.judgeSecond(window, T0 + 2).isEmpty());
    assertTrue(rule.judgeSecond(window, T0 + 8).isEmpty(), "a lone KO never stops a run");
    record(Watched.TURN, T0 + 10, 0, 4); // the fault: failing from T0+11
    record(Watched.TURN, T0 + 13, 0, 1); // a user back from back-off fails alone in its window
    for (long now = T0 + 11; now < T0 + 16; now++) {
      assertTrue(rule.judgeSecond(window, now).isEmpty(), "not yet at " + (now - T0));
    }
    assertTrue(rule.judgeSecond(window, T0 + 16).isPresent(), "the trickle of single failures did not clear the failure");
  }

  @Test
  void aDeadTargetIsNamedWhenNothingAnswered() {
    AbortRule all = new AbortRule(new SlaSpec.Abort(50.0, 5, 3), Watched.ALL);
    record(Watched.TURN, T0, 0, 20); // every socket dies at once
    record(Watched.ANSWERED, T0 + 2, 0, 1); // the health probe gets no answer
    all.judgeSecond(window, T0 + 1);
    String cause = all.judgeSecond(window, T0 + 6).orElseThrow();
    assertTrue(cause.startsWith("chat turn failed 100 % of 20 times") && cause.endsWith(
        "; the target did not answer 1 of 1 requests in 5 s (target unreachable)"), cause);
  }

  @Test
  void aLoneKoOrAHalfFailingWindowNeverStops() {
    for (long s = T0; s < T0 + 30; s++) {
      record(Watched.LOGIN, s, 0, s % 10 == 0 ? 1 : 0); // one KO every 10 s, nothing else
      record(Watched.TURN, s, 2, 2); // exactly 50 %: not above
    }
    for (long now = T0 + 1; now < T0 + 30; now++) {
      assertTrue(rule.judgeSecond(window, now).isEmpty(), "stopped at " + (now - T0));
    }
  }

  @Test
  void aStepIsJudgedAfterItsHoldAndTheFirstBrokenOneStops() {
    long start = T0 * 1000;
    StepRule steps = new StepRule(List.of(new StepRule.Step(10, 2_000, 6_000), new StepRule.Step(20, 8_000, 12_000),
        new StepRule.Step(30, 14_000, 18_000)), 1_000, 1.0);
    steps.started(start);
    for (long s = T0 + 2; s < T0 + 6; s++) {
      for (int i = 0; i < 20; i++) {
        window.record(Watched.TURN, true, 400, s * 1000);
      }
    }
    for (long s = T0 + 8; s < T0 + 12; s++) {
      for (int i = 0; i < 20; i++) {
        window.record(Watched.TURN, true, i < 3 ? 900 : 2_500, s * 1000); // p95 2.5 s
      }
    }
    assertTrue(steps.judge(window, start + 6_500).isEmpty(), "step 1 held");
    assertTrue(steps.judge(window, start + 12_500).isEmpty(), "step 2 is judged a second after its hold");
    String cause = steps.judge(window, start + 13_000).orElseThrow();
    assertTrue(cause.startsWith("step 2 of 3 (20 users) broke the SLA: 80 chat turns, p95 25"), cause);
  }

  @Test
  void histogramPercentilesAreNeverUnderstatedAndWithinFivePercent() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.add(ms);
    }
    long p95 = h.percentile(95);
    assertTrue(p95 >= 950 && p95 <= 950 * 1.05, "p95=" + p95);
    assertEquals(0, new LatencyHistogram().percentile(95));
  }

  @Test
  void theBackoffGrowsWhileFailuresGoOnAndResetsOnSuccess() {
    FailureBackoff b = new FailureBackoff(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(40));
    assertEquals(Duration.ZERO, b.failed(), "not armed: nothing replaces an ended user");
    b.armUntil(System.currentTimeMillis() + 600_000);
    assertEquals(3_000, b.failed().toMillis());
    assertEquals(6_000, b.failed().toMillis());
    assertEquals(12_000, b.failed().toMillis());
    assertEquals(24_000, b.failed().toMillis()); // the jittered ceiling is 30 s to 40 s
    for (int i = 0; i < 50; i++) {
      long d = b.failed().toMillis();
      assertTrue(d >= 30_000 && d <= 40_000, "capped with jitter: " + d);
    }
    b.succeeded(System.currentTimeMillis() - 60_000); // got in before the failures began: proves nothing
    assertTrue(b.failed().toMillis() >= 30_000);
    b.succeeded(System.currentTimeMillis() + 1); // began after them: the platform serves again
    assertEquals(3_000, b.failed().toMillis());
    assertFalse(b.failuresInARow() > 1);
    b.armUntil(System.currentTimeMillis() + 2_000);
    assertTrue(b.failed().toMillis() <= 2_000, "never past the end of the injection");
  }
}
