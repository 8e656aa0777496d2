package io.chatload.endtoend;

import io.chatload.run.ExitCode;
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
 * target passes (no false alarm from any simulation's own composition), the canary fails on the slow
 * profile it reproduces with a percentile breach and passes once the target is fast. (Reconnect, with
 * and without the events it must deliver, is ReconnectDeliveryIT; Soak passes clean in TokenRefreshIT; the faults MultiUserIsolation,
 * Spike and Soak catch are KOs of the same checks, judged in-process in journey/FaultMatrixTest.)
 */
@Execution(ExecutionMode.CONCURRENT)
class JourneySimulationsIT {

  @ParameterizedTest(name = "{0} passes on a clean target")
  @CsvSource(delimiter = '|', value = {
      "MultiUserIsolation | users=20 turns=2 thinkMin=2 thinkMax=2 | isolation: percentage of failed events is less than or equal to 0.0 : true",
      // Spike's own SLA, judged (the KOs it would count are journey/FaultMatrixTest's)
      "Spike              | rate=6 ramp=2 hold=2                   | journey after spike: percentage of failed events is less than or equal to 0.0 : true",
      "Stress             | users=5 steps=2 ramp=1 hold=4 turns=1  | Stress capacity",
  })
  void passesOnACleanTarget(String simulation, String settings, String said) throws Exception {
    GatlingRun.Result r = GatlingRun.run(simulation, GatlingRun.properties(settings), Duration.ofMinutes(3));
    assertEquals(ExitCode.HELD.code(), r.exitCode(), r::toString);
    assertTrue(r.output().contains(said), () -> simulation + ": console does not say '" + said + "'\n" + r);
  }

  @ParameterizedTest(name = "{0} fails on {2}: {3}")
  @CsvSource(delimiter = '|', value = {
      // the canary: a percentile breach, judged on the whole run
      "TimeoutReproduction| users=5                                | reference.seed=1 | agent_started: 95th percentile of response time is less than or equal to 2000.0 : false",
  })
  void failsOnTheFaultItExistsToCatch(String simulation, String settings, String fault, String symptoms) throws Exception {
    Map<String, String> p = GatlingRun.properties(settings + " " + fault);
    GatlingRun.Result r = GatlingRun.run(simulation, p, Duration.ofMinutes(3));
    assertNotEquals(0, r.exitCode(), () -> simulation + " missed " + fault + ":\n" + r);
    for (String symptom : symptoms.split(" && ")) {
      assertTrue(r.output().contains(symptom), () -> simulation + ": console does not say '" + symptom + "'\n" + r);
    }
    // each fails by its SLA, judged on the whole run; the canary above all must not be cut short by an abort
    assertFalse(r.output().contains("Auto-stop"), () -> simulation + " was stopped early:\n" + r);
  }

  @ParameterizedTest(name = "TimeoutReproduction passes once the infrastructure is fast")
  @CsvSource(delimiter = '|', value = {"users=5 reference.latency=fixed:100,300,500,900,1300"})
  void theCanaryIsTheSlowProfileNotTheSla(String settings) throws Exception {
    GatlingRun.Result r = GatlingRun.run("TimeoutReproduction", GatlingRun.properties(settings), Duration.ofMinutes(2));
    assertEquals(ExitCode.HELD.code(), r.exitCode(), r::toString);
  }
}
