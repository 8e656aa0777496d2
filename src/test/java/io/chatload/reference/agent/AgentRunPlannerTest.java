package io.chatload.reference.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentRunPlannerTest {
  private static final List<String> ORDER =
      List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");

  private static AgentRunPlanner planner(String latency, String faults, double scale, Long seed) {
    return new AgentRunPlanner(LatencyModel.parse(latency), FaultPlan.parse(faults), scale, seed);
  }

  private static List<String> types(AgentRun run) {
    return run.events().stream().map(PlannedEvent::type).toList();
  }

  @Test
  void defaultRunHasContractShapeAndTakesOneToFourSeconds() {
    AgentRunPlanner p = planner("random", "", 1.0, 5L);
    Set<Integer> sizes = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      AgentRun run = p.plan("u1", "t1", "How do I cut costs?");
      List<String> types = types(run);
      assertEquals("agent_started", types.get(0));
      assertEquals("agent_completed", types.get(types.size() - 1));
      List<String> firsts = new ArrayList<>();
      types.forEach(t -> { if (!firsts.contains(t)) firsts.add(t); });
      assertEquals(ORDER, firsts);
      long thinking = types.stream().filter("agent_thinking"::equals).count();
      long tools = types.stream().filter("tool_executing"::equals).count();
      assertTrue(thinking >= 1 && thinking <= 3 && tools >= 1 && tools <= 2, types.toString());
      long total = run.events().stream().mapToLong(PlannedEvent::delayMillis).sum();
      assertTrue(total >= 800 && total <= 4500, "total " + total);
      sizes.add(types.size());
      assertTrue(run.completes());
    }
    assertTrue(sizes.size() > 2, "run shapes vary: " + sizes);
  }

  @Test
  void eventsCarryCorrelationAndContent() {
    AgentRun run = planner("random", "", 0, 1L).plan("u7", "thread-9", "Find expensive prompts");
    for (PlannedEvent e : run.events()) {
      assertEquals(run.runId(), e.data().path("run_id").asText());
      assertEquals("thread-9", e.data().path("thread_id").asText());
      assertEquals("u7", e.data().path("user_id").asText());
      assertTrue(e.data().path("metadata").isObject());
      assertEquals(0, e.delayMillis());
    }
    ObjectNode thinking = run.events().get(1).data();
    assertTrue(thinking.path("reasoning").asText().contains("Find expensive prompts"));
    assertEquals(1, thinking.path("metadata").path("step_number").asInt());
    ObjectNode env = run.render(run.events().get(run.events().size() - 1), 1000, 1250);
    assertEquals("agent_completed", env.path("type").asText());
    assertEquals("u7", env.path("user_id").asText());
    assertEquals(250, env.path("data").path("metadata").path("execution_time_ms").asLong());
    assertEquals("1.250", env.path("timestamp").decimalValue().toPlainString());
  }

  @Test
  void fixedModeHasExactlyOneOfEachAtTheConfiguredTimes() {
    AgentRun run = planner("fixed:100,300,500,900,1300", "", 1.0, null).plan("u", "t", "q");
    assertEquals(ORDER, types(run));
    assertEquals(List.of(100L, 200L, 200L, 400L, 400L), run.events().stream().map(PlannedEvent::delayMillis).toList());
  }

  @Test
  void sameSeedSameDecisionsDifferentSeedDifferentRuns() {
    AgentRun a = planner("random", "error=0.5,leak=0.5", 1.0, 99L).plan("u", "t", "q");
    AgentRun b = planner("random", "error=0.5,leak=0.5", 1.0, 99L).plan("u", "t", "q");
    assertEquals(a.runId(), b.runId());
    assertEquals(types(a), types(b));
    assertEquals(a.faults(), b.faults());
    Set<String> ids = new HashSet<>();
    AgentRunPlanner p = planner("random", "", 1.0, 99L);
    for (int i = 0; i < 100; i++) {
      ids.add(p.plan("u", "t", "q").runId());
    }
    assertEquals(100, ids.size());
  }

  @Test
  void faultsShapeTheTimeline() {
    assertFalse(types(planner("random", "drop=tool_executing:1", 0, 1L).plan("u", "t", "q")).contains("tool_executing"));
    assertFalse(types(planner("random", "stall=1", 0, 1L).plan("u", "t", "q")).contains("agent_completed"));
    List<String> err = types(planner("random", "error=1", 0, 1L).plan("u", "t", "q"));
    assertEquals("agent_started", err.get(0));
    assertEquals("agent_error", err.get(err.size() - 1));
    AgentRun dis = planner("fixed:1,2,3,4,5", "disorder=1", 1.0, 3L).plan("u", "t", "q");
    assertNotEquals(ORDER, types(dis));
    assertEquals(List.of(1L, 1L, 1L, 1L, 1L), dis.events().stream().map(PlannedEvent::delayMillis).toList());
    AgentRun mal = planner("random", "malformed=1,leak=1,disconnect=1", 0, 1L).plan("u", "t", "q");
    assertEquals(1, mal.events().stream().filter(PlannedEvent::malformed).count());
    assertEquals(1, mal.events().stream().filter(PlannedEvent::leak).count());
    int closeAt = 0;
    for (int i = 0; i < mal.events().size(); i++) {
      if (mal.events().get(i).closeAfter()) closeAt = i;
    }
    assertTrue(closeAt > 0 && closeAt < mal.events().size() - 1, "mid-run close at " + closeAt);
    assertTrue(mal.injectedFaults().containsAll(List.of("malformed", "disconnect")));
    AgentRun slow = planner("fixed:10,20,30,40,50", "slow=3", 1.0, 1L).plan("u", "t", "q");
    assertEquals(150, slow.events().stream().mapToLong(PlannedEvent::delayMillis).sum());
  }

  @Test
  void loginFailIsDrawnPerLogin() {
    AgentRunPlanner always = planner("random", "login-fail=1", 1, 1L);
    AgentRunPlanner never = planner("random", "", 1, 1L);
    for (int i = 0; i < 20; i++) {
      assertTrue(always.nextLoginFails());
      assertFalse(never.nextLoginFails());
    }
  }
}
