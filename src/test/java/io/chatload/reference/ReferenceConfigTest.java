package io.chatload.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceConfigTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsFollowTheContract() {
    ReferenceConfig d = ReferenceConfig.fromProperties(new Properties(), Map.of());
    assertEquals(ReferenceConfig.defaults(), d);
    assertEquals("127.0.0.1", d.host());
    assertEquals(0, d.port());
    assertEquals(8192, d.maxMessageBytes());
    assertEquals(30, d.messagesPerMinute());
    assertEquals(3, d.connectionsPerUser());
    assertEquals(25, d.heartbeatSeconds());
    assertNull(d.jwtSecret());
  }

  @Test
  void readsEveryProperty() {
    ReferenceConfig c = ReferenceConfig.fromProperties(props(
        "reference.host", "localhost", "reference.port", "8002", "reference.latencyScale", "0.5",
        "reference.latency", "fixed:1,2,3,4,5", "reference.faults", "leak=0.1", "reference.seed", "7",
        "reference.jwtSecret", "s", "reference.bypassKey", "k", "reference.maxMessageBytes", "4096",
        "reference.messagesPerMinute", "1000", "reference.connectionsPerUser", "9",
        "reference.heartbeatSeconds", "0", "reference.ioThreads", "3", "reference.maxThreadOwners", "10"), Map.of());
    assertEquals("localhost", c.host());
    assertEquals(8002, c.port());
    assertEquals(0.5, c.latencyScale());
    assertTrue(c.latencyModel().isFixed());
    assertEquals(0.1, c.faultPlan().probability("leak"));
    assertEquals(7L, c.seed());
    assertEquals("s", c.jwtSecret());
    assertEquals("k", c.bypassKey());
    assertEquals(4096, c.maxMessageBytes());
    assertEquals(1000, c.messagesPerMinute());
    assertEquals(9, c.connectionsPerUser());
    assertEquals(0, c.heartbeatSeconds());
    assertEquals(3, c.ioThreads());
    assertEquals(10, c.maxThreadOwners());
  }

  @Test
  void secretsFallBackToTheEnvironmentAndNeverPrint() {
    ReferenceConfig c = ReferenceConfig.fromProperties(new Properties(),
        Map.of("JWT_SECRET_KEY", "env-secret", "E2E_OAUTH_SIMULATION_KEY", "env-key"));
    assertEquals("env-secret", c.jwtSecret());
    assertEquals("env-key", c.bypassKey());
    assertFalse(c.toString().contains("env-secret") || c.toString().contains("env-key"));
    ReferenceConfig p = ReferenceConfig.fromProperties(props("reference.jwtSecret", "prop"), Map.of("JWT_SECRET_KEY", "env"));
    assertEquals("prop", p.jwtSecret());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "reference.host|0.0.0.0|loopback", "reference.host|10.1.2.3|loopback", "reference.host|example.com|loopback",
      "reference.port|70000|65535", "reference.port|abc|integer", "reference.latencyScale|-1|>= 0",
      "reference.latency|fixed:1|fixed:<started>", "reference.faults|boom=1|accepted faults",
      "reference.seed|x|whole number", "reference.tls|maybe|true or false", "reference.usersFile|/no/such.csv|existing",
      "reference.maxMessageBytes|1|64 to", "reference.messagesPerMinute|-1|>= 0", "reference.connectionsPerUser|0|>= 1",
      "reference.heartbeatSeconds|-5|>= 0", "reference.ioThreads|0|1 to 64", "reference.portt|1|reference.port"})
  void badValuesNameThePropertyAndTheAcceptedValues(String name, String value, String accepted) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceConfig.fromProperties(props(name, value), Map.of()));
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertTrue(e.getMessage().contains(accepted), e.getMessage());
  }

  @Test
  void loopbackForms() {
    for (String ok : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
      assertEquals(ok, ReferenceConfig.defaults().withHost(ok).host());
    }
  }

  @Test
  void withersValidateToo() {
    assertThrows(IllegalArgumentException.class, () -> ReferenceConfig.defaults().withFaults("leak=2"));
    assertThrows(IllegalArgumentException.class, () -> ReferenceConfig.defaults().withLatencyScale(-0.1));
    assertEquals(3L, ReferenceConfig.defaults().withSeed(3).seed());
  }
}
