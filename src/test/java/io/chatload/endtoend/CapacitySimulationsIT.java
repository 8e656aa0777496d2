package io.chatload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The simulations against a capacity-limited embedded target, small and short: 4 agent slots, runs
 * of exactly 200 ms (fixed latency), and an agent_completed p95 SLA of 1600 ms
 * (sla-tests/capacity.json). Little's law then puts the knee at N* ≈ 4 users, saturation at
 * W/T = 20 runs/s and the SLA break at N_S = W·S/T ≈ 32 users.
 */
class CapacitySimulationsIT {
  private static final String TARGET =
      "reference.capacity=4 reference.latency=fixed:10,40,70,120,200 sla=src/test/resources/sla-tests/capacity.json health.interval=0";

  /** Steps of W/2 = 2 users, each held 3 s after a 1-s ramp; one turn per user so think time is only login + connect. */
  @Test
  void stressFindsTheKneeAndTheSlaBreakWhereLittlesLawPutsThem() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Stress",
        GatlingRun.properties(TARGET + " users=2 steps=18 ramp=1 hold=3 turns=1"), Duration.ofMinutes(4));
    String out = r.output();
    double nStar = number(out, "beyond N\\*=([0-9.]+) users");
    double nS = number(out, "breaks near N_S=([0-9.]+) users");
    double saturation = number(out, "saturates at W/T=([0-9.]+) runs/s");
    double capacity = number(out, "Stress capacity: ([0-9]+) concurrent users");
    double stoppedAt = number(out, "throughput stopped growing at ([0-9]+) users");
    double plateau = number(out, "plateau ([0-9.]+) runs/s");
    assertEquals(20.0, saturation, 0.01, out);
    assertEquals(32, nS, 1.5, "N_S = 4 * (1600 + login/connect) / 200");
    assertTrue(Math.abs(capacity - nS) <= 0.15 * nS, () -> "capacity " + capacity + " is not within ±15 % of N_S " + nS + "\n" + out);
    assertTrue(stoppedAt >= nStar && stoppedAt <= nStar + 3 * 2,
        () -> "throughput stopped growing at " + stoppedAt + " users, N* is " + nStar + "\n" + out);
    assertTrue(Math.abs(plateau - saturation) <= 0.15 * saturation, () -> "plateau " + plateau + " vs W/T " + saturation + "\n" + out);
    assertTrue(out.matches("(?s).*\\n\\s+\\d+\\s+[0-9.]+\\s+\\d+\\s+[0-9.]+\\s+BROKEN\\n.*"), () -> "no step table with a broken step\n" + out);
  }

  /** 36 users/s for 4 s against 20 runs/s: a queue of ~64 runs (3.2 s of waiting), drained at 16 runs/s in the 8-s calm after. */
  @Test
  void spikeShowsAnExcursionAndTheTimeToRecover() throws Exception {
    GatlingRun.Result r = GatlingRun.run("Spike", GatlingRun.properties(TARGET + " rate=36 ramp=3 hold=4"), Duration.ofMinutes(3));
    String out = r.output();
    double peak = number(out, "Spike p95 peaked at ([0-9]+) ms");
    double recovered = number(out, "time to recover: ([0-9]+) s");
    assertTrue(peak > 1600, () -> "no excursion above the SLA\n" + out);
    assertTrue(recovered >= 1 && recovered <= 8, () -> "time to recover " + recovered + " s, expected within the 8-s calm after\n" + out);
  }

  /** 30 new users/s, one run each, against 20 runs/s: the queue grows by 10 runs (0.5 s of waiting) every second. */
  @Test
  void anOpenModelAboveCapacityFailsAndSaysArrivalsExceedCapacity() throws Exception {
    Map<String, String> p = GatlingRun.properties(TARGET + " injection=open rate=30 ramp=1 hold=6 turns=1");
    GatlingRun.Result r = GatlingRun.run("EnterpriseLoad", p, Duration.ofMinutes(3));
    String out = r.output();
    assertNotEquals(0, r.exitCode(), out);
    double growth = number(out, "latency grew ([0-9]+) ms/s during the hold: arrivals exceed capacity");
    assertTrue(growth > 200, () -> "latency growth " + growth + " ms/s, expected about 500\n" + out);
    assertTrue(out.contains("against a capacity of W/T = 4 / 0.20 s = 20.0 runs/s"), out);
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("console does not match '" + regex + "':\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }
}
