package io.chatload.reference.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.contract.AgentEvent;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyModelTest {

  @Test
  void randomDelaysStayInTheirRangesAndVary() {
    LatencyModel m = LatencyModel.random();
    SplittableRandom rng = new SplittableRandom(3);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long d = m.baseDelayMillis(AgentEvent.AGENT_THINKING, rng);
      min = Math.min(min, d);
      max = Math.max(max, d);
      long s = m.baseDelayMillis(AgentEvent.AGENT_STARTED, rng);
      assertTrue(s >= 60 && s <= 140, "started " + s);
    }
    assertTrue(min >= 200 && max <= 500 && max - min > 200, min + ".." + max);
  }

  @Test
  void fixedIsCumulativeAndJitterFree() {
    LatencyModel m = LatencyModel.parse("fixed:100,300,500,900,1300");
    assertTrue(m.isFixed());
    SplittableRandom rng = new SplittableRandom(1);
    assertEquals(100, m.baseDelayMillis(AgentEvent.AGENT_STARTED, rng));
    assertEquals(200, m.baseDelayMillis(AgentEvent.AGENT_THINKING, rng));
    assertEquals(200, m.baseDelayMillis(AgentEvent.TOOL_EXECUTING, rng));
    assertEquals(400, m.baseDelayMillis(AgentEvent.TOOL_COMPLETED, rng));
    assertEquals(400, m.baseDelayMillis(AgentEvent.AGENT_COMPLETED, rng));
    assertEquals(200, m.delayMillis(AgentEvent.AGENT_STARTED, rng, 2.0));
    assertEquals(0, m.delayMillis(AgentEvent.AGENT_COMPLETED, rng, 0.0));
  }

  @Test
  void blankAndRandomAreRandom() {
    assertFalse(LatencyModel.parse("").isFixed());
    assertFalse(LatencyModel.parse("random").isFixed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fixed:1,2,3,4", "fixed:1,2,3,4,5,6", "fixed:5,4,6,7,8", "fixed:-1,2,3,4,5", "fixed:a,2,3,4,5", "gaussian"})
  void invalidSpecsAreRefusedWithTheAcceptedForms(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencyModel.parse(spec));
    assertTrue(e.getMessage().contains("fixed:<started>"), e.getMessage());
  }
}
