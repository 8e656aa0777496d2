package io.chatload.endtoend;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of the seeds' other journeys, in a short configuration against the embedded target: a clean
 * target passes, and the fault the simulation exists to catch fails it with a named symptom.
 */
@Execution(ExecutionMode.CONCURRENT)
class JourneySimulationsTest {

  @ParameterizedTest(name = "{0} passes on a clean target")
  @CsvSource(delimiter = '|', value = {
      "MultiUserIsolation | users=20 turns=2 thinkMin=2 thinkMax=2",
      "Spike              | rate=6 ramp=2 hold=2",
      "Soak               | users=8 ramp=2 hold=8 turns=2",
      "Stress             | users=5 steps=2 ramp=1 hold=4 turns=1",
  })
  void passesOnACleanTarget(String simulation, String settings) throws Exception {
    GatlingRun.Result r = GatlingRun.run(simulation, GatlingRun.properties(settings), Duration.ofMinutes(3));
    assertEquals(0, r.exitCode(), r::toString);
  }

  @ParameterizedTest(name = "{0} fails on {2}")
  @CsvSource(delimiter = '|', value = {
      "MultiUserIsolation | users=20 turns=2 thinkMin=2 thinkMax=2 | reference.faults=leak=0.3 | cross-user leak",
      "Spike              | rate=6 ramp=2 hold=2                   | reference.faults=error=1   | journey after spike: percentage of failed events is less than or equal to 0.0 : false",
      "Soak               | users=8 ramp=2 hold=8 turns=2          | reference.faults=disconnect=1   | WebSocket crashed",
      "TimeoutReproduction| users=5                                | reference.seed=1 | agent_started: 95th percentile of response time is less than or equal to 2000.0 : false",
  })
  void failsOnTheFaultItExistsToCatch(String simulation, String settings, String fault, String symptom) throws Exception {
    Map<String, String> p = GatlingRun.properties(settings + " " + fault);
    GatlingRun.Result r = GatlingRun.run(simulation, p, Duration.ofMinutes(3));
    assertNotEquals(0, r.exitCode(), () -> simulation + " missed " + fault + ":\n" + r);
    assertTrue(r.output().contains(symptom), () -> simulation + ": console does not say '" + symptom + "'\n" + r);
    // each fails by its SLA, judged on the whole run; the canary above all must not be cut short by an abort
    assertFalse(r.output().contains("Auto-stop"), () -> simulation + " was stopped early:\n" + r);
  }

  @ParameterizedTest(name = "TimeoutReproduction passes once the infrastructure is fast")
  @CsvSource(delimiter = '|', value = {"users=5 reference.latency=fixed:100,300,500,900,1300"})
  void theCanaryIsTheSlowProfileNotTheSla(String settings) throws Exception {
    GatlingRun.Result r = GatlingRun.run("TimeoutReproduction", GatlingRun.properties(settings), Duration.ofMinutes(2));
    assertEquals(0, r.exitCode(), r::toString);
  }
}
