package io.chatload.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.ConfigurationException;
import io.chatload.contract.AgentEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlaSpecTest {
  private static final String EVENTS =
      "\"events\":{\"agent_started\":{\"p95Ms\":1000,\"timeoutMs\":5000},\"agent_thinking\":{\"timeoutMs\":5000},"
          + "\"tool_executing\":{\"timeoutMs\":5000},\"tool_completed\":{\"timeoutMs\":5000},\"agent_completed\":{\"p99Ms\":9000,\"timeoutMs\":9000}}";

  private static SlaSpec parse(String json) throws Exception {
    return SlaSpec.parse("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String error(String json) {
    return assertThrows(ConfigurationException.class, () -> parse(json)).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "staging", "embedded/Reconnect", "embedded/RateLimit", "staging/Reconnect", "staging/RateLimit"})
  void shippedProfilesLoadAndAssert(String profile) {
    SlaSpec sla = SlaSpec.load(profile);
    for (AgentEvent e : AgentEvent.values()) {
      assertTrue(sla.timeoutMs(e) > 0);
    }
    assertTrue(SlaAssertions.of(sla).size() >= 20, "every event, request, the journey and the global limits");
  }

  @Test
  void minimalFileIsAccepted() throws Exception {
    SlaSpec sla = parse("{" + EVENTS + "}");
    assertEquals(9000, sla.turnTimeoutMs());
    assertEquals(2, SlaAssertions.of(sla).size());
  }

  @Test
  void abortDefaultsWhenAbsentAndFillsWhatIsLeftOut() throws Exception {
    assertEquals(SlaSpec.Abort.DEFAULT, parse("{" + EVENTS + "}").abort());
    assertEquals(new SlaSpec.Abort(80.0, 4, 4), parse("{" + EVENTS + ",\"abort\":{\"errorPct\":80,\"forSeconds\":4}}").abort());
    assertEquals(new SlaSpec.Abort(50.0, 15, 5), SlaSpec.load("embedded").abort());
  }

  @Test
  void unknownKeysAreNamedWithTheirPath() {
    String msg = error("{" + EVENTS.replace("\"p95Ms\":1000", "\"p959Ms\":1000") + "}");
    assertTrue(msg.contains("unknown key 'events.agent_started.p959Ms'"), msg);
    assertTrue(msg.contains("p95Ms"), msg);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"events\":{}}|events.agent_started is missing",
      "{}|'events' is missing",
      "{EVENTS,\"global\":{\"maxFailedPct\":120}}|global.maxFailedPct=120.0 must be a percentage",
      "{EVENTS,\"requests\":{\"logon\":{}}}|requests.logon is unknown",
      "{EVENTS,\"journey\":{\"p95Ms\":2000,\"p99Ms\":1000}}|journey.p95Ms=2000 is above journey.p99Ms=1000",
      "{EVENTS,\"gaps\":{\"deliveryLatencyMs\":-1}}|gaps.deliveryLatencyMs=-1 must be > 0",
      "{EVENTS,\"journey\":{\"p95Ms\":\"fast\"}}|field 'journey.p95Ms' is invalid",
      "{EVENTS|not valid JSON",
      "{EVENTS,\"abort\":{\"errorPct\":0}}|abort.errorPct=0.0 must be a percentage above 0",
      "{EVENTS,\"abort\":{\"errorPct\":150}}|abort.errorPct=150.0 must be a percentage",
      "{EVENTS,\"abort\":{\"forSeconds\":0}}|abort.forSeconds=0 must be > 0",
      "{EVENTS,\"abort\":{\"forSeconds\":5,\"windowSeconds\":10}}|abort.windowSeconds=10 is above abort.forSeconds=5",
      "{EVENTS,\"abort\":{\"errorPercent\":50}}|unknown key 'abort.errorPercent'",
  })
  void impossibleOrMalformedFilesAreRejected(String json, String expected) {
    String msg = error(json.replace("EVENTS", EVENTS));
    assertTrue(msg.contains(expected), msg);
    assertTrue(msg.startsWith("SLA file test.json"), msg);
  }

  @Test
  void unknownProfileOrPathIsNamed() {
    assertTrue(assertThrows(ConfigurationException.class, () -> SlaSpec.load("nope")).getMessage().contains("sla=nope is unknown"));
    assertTrue(assertThrows(ConfigurationException.class, () -> SlaSpec.load("/tmp/none.json")).getMessage().contains("no such file"));
  }

  @Test
  void countsOfKoAndTheMeanAreThresholdsThatBecomeAssertions() throws Exception {
    SlaSpec sla = parse("{" + EVENTS + ",\"requests\":{\"lost\":{\"maxKo\":0},\"duplicated\":{\"maxKo\":0},\"replay\":{\"p95Ms\":2000}}}");
    assertEquals(0, sla.requests().get("lost").maxKo());
    var sentences = SlaAssertions.of(sla).stream().map(a -> a.asScala().toString()).toList();
    assertTrue(sentences.stream().anyMatch(t -> t.contains("lost") && t.contains("Count")), sentences::toString);
    assertTrue(error("{" + EVENTS + ",\"requests\":{\"lost\":{\"maxKo\":-1}}}").contains("requests.lost.maxKo=-1 must be >= 0"));
    assertTrue(error("{" + EVENTS.replace("\"timeoutMs\":5000", "\"timeoutMs\":5000,\"meanMs\":0") + "}").contains("meanMs=0 must be > 0"));
  }
}
