package io.chatload.endtoend;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each fault of the reference target, alone, must fail the real Smoke simulation, and the console
 * must name what the user experienced. A run that passes with a fault on is a suite that misses
 * the incident it exists to catch.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultDetectionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "slow=5                  | agent_completed: 95th percentile of response time is less than or equal to 5000.0 : false",
      "drop=agent_thinking:1   | agent_thinking missing",
      "disorder=1              | out of order",
      "leak=1                  | cross-user leak",
      "malformed=1             | malformed frame",
      "disconnect=1            | WebSocket crashed",
      "error=1                 | agent_error",
      "stall=1                 | Check agent_completed timeout",
      // the delivery check subtracts the injector's own lateness: a platform's genuine lateness still fails
      "stale=1                 | delivered more than 500 ms after its timestamp",
      "login-fail=1            | answered HTTP 503",
  })
  void aFaultFailsTheRunAndIsNamed(String fault, String symptom) throws Exception {
    Map<String, String> props = GatlingRun.properties("users=4 reference.seed=7 reference.faults=" + fault);
    if (fault.startsWith("stall")) {
      // short event timeouts so a stalled run is reported in seconds, not the contract's 30 s
      props.put("sla", "src/test/resources/sla-tests/short-timeouts.json");
    }
    GatlingRun.Result r = GatlingRun.run("Smoke", props, Duration.ofMinutes(3));
    assertNotEquals(0, r.exitCode(), () -> fault + " went unnoticed:\n" + r);
    assertTrue(r.output().contains(symptom), () -> fault + ": console does not say '" + symptom + "'\n" + r);
  }

  /** The real platform's dialects carry fewer identity fields: the same faults are still caught, by the same words. */
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "bridge | leak=1                | cross-user leak",
      "bridge | drop=agent_thinking:1 | agent_thinking missing",
      "bridge | disorder=1            | out of order",
      "flat   | leak=1                | cross-user leak",
      "flat   | drop=agent_thinking:1 | agent_thinking missing",
      "flat   | disorder=1            | out of order",
  })
  void aFaultFailsTheRunInEveryDialect(String dialect, String fault, String symptom) throws Exception {
    Map<String, String> props = GatlingRun.properties("users=4 reference.seed=7 reference.dialect=" + dialect + " reference.faults=" + fault);
    GatlingRun.Result r = GatlingRun.run("Smoke", props, Duration.ofMinutes(3));
    assertNotEquals(0, r.exitCode(), () -> dialect + " " + fault + " went unnoticed:\n" + r);
    assertTrue(r.output().contains(symptom), () -> dialect + " " + fault + ": console does not say '" + symptom + "'\n" + r);
  }
}
