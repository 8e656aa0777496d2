package io.chatload.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** -Dsimulation with a typo: the build names the simulations there are. */
class SimulationCatalogTest {

  @Test
  void anUnknownSimulationNamesTheAvailableOnes() {
    String msg = SimulationCatalog.problemWith("EnterprizeLoad").orElseThrow();
    assertTrue(msg.startsWith("simulation=EnterprizeLoad is unknown; available: "), msg);
    for (String name : List.of("EnterpriseLoad", "Smoke", "MultiUserIsolation", "Soak", "Spike", "Stress", "Reconnect", "TimeoutReproduction")) {
      assertTrue(msg.contains(name), msg);
    }
    assertFalse(msg.contains("ChatSimulation"), "abstract base is not runnable: " + msg);
    assertTrue(SimulationCatalog.problemWith("Smoke").isEmpty());
  }
}
