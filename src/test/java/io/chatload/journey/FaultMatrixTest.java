package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.LoadSettings;
import io.chatload.contract.AgentEvent;
import io.chatload.endtoend.GatlingRun;
import io.chatload.simulations.MultiUserIsolation;
import io.chatload.simulations.Smoke;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fault of the reference target, alone, fails a Smoke-shaped run with the KO that names what
 * the user experienced, in every dialect the platform has spoken; a clean target passes in each,
 * whatever the auth mode, socket auth or message style. Judged in-process ({@link LoopbackChat}: the
 * simulation's settings, target lifecycle and Conversation, a plain client instead of Gatling), one
 * embedded target per cell; that Gatling turns such a KO into a failed run is proven once, end to
 * end (endtoend/SmokeIT, JourneySimulationsIT). A run that passes with a fault on is a suite that misses the
 * incident it exists to catch.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultMatrixTest {
  /** The target's latencies shortened: these verdicts do not depend on them (slow and stall below do). */
  private static final String FAST = "reference.latencyScale=0.2";

  private static LoopbackChat.Result smoke(String settings) throws Exception {
    return run(Smoke.DEFAULTS, "Smoke", settings);
  }

  private static LoopbackChat.Result run(LoadSettings defaults, String simulation, String settings) throws Exception {
    try (LoopbackChat chat = LoopbackChat.start(simulation, defaults, GatlingRun.properties(settings))) {
      return chat.run();
    }
  }

  static Stream<Arguments> faultsInEveryDialect() {
    String[][] faults = {
        {"drop=agent_thinking:1", "agent_thinking missing"},
        {"disorder=1", "out of order"},
        {"leak=1", "cross-user leak"},
        {"malformed=1", "malformed frame"},
        {"error=1", "agent_error"},
        // the delivery check subtracts the injector's own lateness: a platform's genuine lateness still fails
        {"stale=1", "delivered more than 500 ms after its timestamp"},
        // the socket closed mid-turn (Gatling's words: "WebSocket crashed")
        {"disconnect=1", "socket closed awaiting"},
    };
    List<Arguments> cells = new ArrayList<>();
    for (String dialect : List.of("contract", "payload", "bridge", "flat", "capture")) {
      for (String[] f : faults) {
        cells.add(Arguments.of(dialect, f[0], f[1]));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("faultsInEveryDialect")
  void aFaultFailsTheRunAndIsNamedInEveryDialect(String dialect, String fault, String symptom) throws Exception {
    LoopbackChat.Result r = smoke("users=4 reference.seed=7 " + FAST + " reference.dialect=" + dialect + " reference.faults=" + fault);
    assertFalse(r.passed(), () -> dialect + " " + fault + " went unnoticed");
    assertTrue(r.says(symptom), () -> dialect + " " + fault + ": no KO says '" + symptom + "': " + r);
  }

  /** A stalled run ends at its event's timeout (short ones here, so the cell takes seconds, not the contract's 30). */
  @Test
  void aStalledRunIsATimeout() throws Exception {
    LoopbackChat.Result r = smoke("users=4 reference.seed=7 " + FAST + " reference.faults=stall=1 sla=src/test/resources/sla-tests/short-timeouts.json");
    assertTrue(r.says("timeout awaiting agent_completed"), r::toString);
  }

  /**
   * Every delay ×5 puts agent_completed (due 1.2 s after the message here, no jitter) at 6 s, beyond
   * the SLA's 95th percentile of 5 s; Gatling's assertion on a percentile: endtoend/JourneySimulationsIT's canary.
   */
  @Test
  void aSlowTargetBreaksTheAgentCompletedPercentile() throws Exception {
    try (LoopbackChat chat = LoopbackChat.start("Smoke", Smoke.DEFAULTS,
        GatlingRun.properties("users=4 reference.seed=7 reference.latency=fixed:50,150,250,600,1200 reference.faults=slow=5"))) {
      LoopbackChat.Result r = chat.run();
      int p95 = chat.settings().sla().events().get(AgentEvent.AGENT_COMPLETED.wireName()).p95Ms();
      List<Long> completed = r.turnLatencies().stream().map(l -> l.get(AgentEvent.AGENT_COMPLETED)).sorted().toList();
      assertTrue(!completed.isEmpty(), r::toString);
      // nearest rank: of 4 turns the 95th percentile is the slowest
      long observed = completed.get((int) Math.ceil(0.95 * completed.size()) - 1);
      assertTrue(observed > p95, () -> "agent_completed p95 " + observed + " ms within the SLA's " + p95 + " ms: " + completed);
    }
  }

  /** The pre-flight's login is refused: the run stops before load with the target's own answer. */
  @Test
  void aRefusedLoginStopsTheRunBeforeLoad() {
    String message = assertThrows(TargetLifecycle.PreflightFailed.class,
        () -> smoke("users=4 reference.seed=7 " + FAST + " reference.faults=login-fail=1")).getMessage();
    assertTrue(message.contains("answered HTTP 503"), message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "reference.dialect=contract",
      "reference.dialect=payload target.message=frontend",
      "reference.dialect=bridge target.wsAuth=subprotocol",
      "reference.dialect=flat target.message=frontend",
      "reference.dialect=capture target.message=run_agent",
      "target.wsAuth=subprotocol",
      "target.auth=mint",
      "target.auth=e2e-bypass",
      "reference.tls=true",
      // as endtoend/SmokeIT's dialect run
      "reference.dialect=bridge target.wsAuth=subprotocol target.auth=mint reference.tls=true",
  })
  void aCleanTargetPasses(String options) throws Exception {
    LoopbackChat.Result r = smoke("users=4 " + FAST + " " + options);
    assertTrue(r.passed(), r::toString);
    assertTrue(r.turnLatencies().size() == 4, () -> "every user completed its turn: " + r.turnLatencies());
  }

  /** MultiUserIsolation's shape (20 users, two turns each): no false alarm on a clean target, a leak among many is caught. */
  @ParameterizedTest(name = "faults: ''{0}''")
  @CsvSource(delimiter = '|', value = {
      "'' | ",
      "reference.faults=leak=0.3 | cross-user leak",
  })
  void manyUsersOverSeveralTurns(String fault, String symptom) throws Exception {
    LoopbackChat.Result r = run(MultiUserIsolation.DEFAULTS, "MultiUserIsolation",
        "users=20 turns=2 thinkMin=2 thinkMax=2 reference.latencyScale=0.5 " + fault);
    if (symptom == null) {
      assertTrue(r.passed(), r::toString);
      assertTrue(r.turnLatencies().size() == 40, () -> "every turn completed: " + r.turnLatencies().size());
    } else {
      assertTrue(r.says(symptom), r::toString);
    }
  }
}
