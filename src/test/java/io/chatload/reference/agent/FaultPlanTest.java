package io.chatload.reference.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.contract.AgentEvent;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void parsesEveryFaultCombined() {
    FaultPlan p = FaultPlan.parse(
        "slow=2.5, drop=agent_thinking:0.1,drop=tool_completed:1,disorder=0.2,leak=0.01,malformed=0.3,"
            + "disconnect=0.4,error=0.5,stall=0.6,login-fail=0.7");
    assertEquals(2.5, p.slowFactor());
    assertEquals(0.1, p.dropProbabilities().get(AgentEvent.AGENT_THINKING));
    assertEquals(1.0, p.dropProbabilities().get(AgentEvent.TOOL_COMPLETED));
    assertEquals(0.2, p.probability("disorder"));
    assertEquals(0.01, p.probability("leak"));
    assertEquals(0.3, p.probability("malformed"));
    assertEquals(0.4, p.probability("disconnect"));
    assertEquals(0.5, p.probability("error"));
    assertEquals(0.6, p.probability("stall"));
    assertEquals(0.7, p.probability("login-fail"));
  }

  @Test
  void blankIsNone() {
    assertTrue(FaultPlan.parse("").isEmpty());
    assertTrue(FaultPlan.parse(null).isEmpty());
    assertEquals(RunFaults.NONE, FaultPlan.parse(" ").decide(new SplittableRandom(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "explode=0.1", "leak=1.5", "leak=-0.1", "leak=abc", "drop=agent_dancing:0.1", "drop=0.1",
      "drop=agent_thinking:2", "slow=0", "slow=-1", "slow=fast", "leak=0.1,leak=0.2", "slow=2,slow=3",
      "drop=agent_thinking:0.1,drop=agent_thinking:0.2", "leak", "=0.1", "leak=0.1,,",
      "login-fail=1@", "login-fail=1@10", "login-fail=1@-5s", "login-fail=1@soon", "error=1@10s@20s"})
  void invalidSpecsNameTheBadPartAndListTheAcceptedFaults(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(spec));
    assertTrue(e.getMessage().contains("accepted faults"), e.getMessage());
    assertTrue(e.getMessage().contains("login-fail=<p>"), e.getMessage());
  }

  @Test
  void probabilityOneAlwaysHitsAndZeroNever() {
    FaultPlan always = FaultPlan.parse("leak=1,stall=1,drop=agent_started:1");
    FaultPlan never = FaultPlan.parse("leak=0,stall=0,drop=agent_started:0");
    for (int i = 0; i < 100; i++) {
      RunFaults a = always.decide(new SplittableRandom(i));
      assertTrue(a.leak() && a.stall() && a.dropped().contains(AgentEvent.AGENT_STARTED));
      RunFaults n = never.decide(new SplittableRandom(i));
      assertTrue(!n.leak() && !n.stall() && n.dropped().isEmpty());
    }
  }

  @Test
  void probabilityIsPerRun() {
    FaultPlan p = FaultPlan.parse("error=0.25");
    SplittableRandom rng = new SplittableRandom(7);
    int hits = 0;
    for (int i = 0; i < 10_000; i++) {
      hits += p.decide(rng).error() ? 1 : 0;
    }
    assertTrue(hits > 2_200 && hits < 2_800, "hits=" + hits);
  }

  @Test
  void everyFaultAcceptsAnOnsetAndIsOffBeforeIt() {
    FaultPlan p = FaultPlan.parse("slow=3@10s,drop=agent_thinking:1@10s,disorder=1@10s,leak=1@10s,malformed=1@10s,"
        + "disconnect=1@10s,error=1@10s,stall=1@10s,login-fail=1@10s,refresh-fail=1@10s");
    assertEquals(10_000, p.onsetMillis("login-fail"));
    assertEquals(10_000, p.onsetMillis("drop:agent_thinking"));
    RunFaults before = p.decide(new SplittableRandom(1), 9_999);
    assertEquals(RunFaults.NONE, before);
    RunFaults after = p.decide(new SplittableRandom(1), 10_000);
    assertTrue(after.slowFactor() == 3 && after.dropped().contains(AgentEvent.AGENT_THINKING) && after.disorder() && after.leak()
        && after.malformed() && after.disconnect() && after.error() && after.stall());
    assertTrue(!p.loginFails(new SplittableRandom(1), 9_999) && p.loginFails(new SplittableRandom(1), 10_000));
    assertTrue(!p.refreshFails(new SplittableRandom(1), 9_999) && p.refreshFails(new SplittableRandom(1), 10_000));
  }

  @Test
  void onsetUnitsAndTheDefaultFromStart() {
    assertEquals(1_500, FaultPlan.parse("error=1@1500ms").onsetMillis("error"));
    assertEquals(2_500, FaultPlan.parse("error=1@2.5s").onsetMillis("error"));
    assertEquals(120_000, FaultPlan.parse("error=1@2m").onsetMillis("error"));
    assertEquals(0, FaultPlan.parse("error=1").onsetMillis("error"));
    assertTrue(FaultPlan.parse("error=1").decide(new SplittableRandom(1), 0).error());
  }
}
