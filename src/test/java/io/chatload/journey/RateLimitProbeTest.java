package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RateLimit's verdicts on the frames a real reference target sends over loopback: its limiter answers
 * as the releases do, and a target whose limiter is off is caught.
 */
class RateLimitProbeTest {
  private static final int LIMIT = 3;

  /** Sends LIMIT + 2 messages, each judged on its first answer as the simulation's check does; returns the verdicts. */
  private static List<String> burst(ReferenceConfig config) throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(config)) {
      Ws ws = TestClient.connect(t, TestClient.mint(t, "loadtest-1"));
      ws.welcome();
      RateLimitProbe probe = new RateLimitProbe(LIMIT);
      List<String> verdicts = new ArrayList<>();
      for (int i = 0; i < LIMIT + 2; i++) {
        probe.send();
        ws.send(TestClient.userMessage("hello", "t-" + i));
        String answer;
        do {
          answer = ws.nextRaw();
        } while (!probe.takes(answer));
        verdicts.add(String.valueOf(probe.verdict(answer)));
      }
      verdicts.add(String.valueOf(probe.lateRunIn(ws.drain(300))));
      ws.close();
      return verdicts;
    }
  }

  @Test
  void theTargetsLimiterAnswersEveryMessageOverTheLimitAndStartsNoRun() throws Exception {
    List<String> v = burst(TestClient.fast().withLatencyScale(1).withMessagesPerMinute(LIMIT));
    assertEquals(List.of("null", "null", "null", "null", "null", "null"), v);
  }

  @Test
  void aTargetThatDoesNotLimitFails() throws Exception {
    List<String> v = burst(TestClient.fast().withLatencyScale(1).withMessagesPerMinute(0));
    assertEquals(List.of("null", "null", "null"), v.subList(0, LIMIT));
    assertEquals("not rate-limited: a message over the limit of 3 per minute started a run", v.get(LIMIT));
    assertEquals("not rate-limited: a message over the limit of 3 per minute started a run", v.get(LIMIT + 1));
  }

  @Test
  void theReleasesCodesCountWhereverTheDialectPutsThem() {
    assertTrue(RateLimitProbe.isRateLimitAnswer(Frame.parse(
        "{\"type\":\"error_message\",\"error_code\":\"RATE_LIMITED\",\"error_message\":\"slow down\",\"timestamp\":1.0}")));
    assertTrue(RateLimitProbe.isRateLimitAnswer(Frame.parse(
        "{\"type\":\"error_message\",\"data\":{\"error_code\":\"rate_limit_exceeded\",\"error_message\":\"x\"}}")));
    assertFalse(RateLimitProbe.isRateLimitAnswer(Frame.parse(
        "{\"type\":\"error_message\",\"error_code\":\"INVALID_MESSAGE\",\"error_message\":\"x\"}")));
    assertFalse(RateLimitProbe.isRateLimitAnswer(Frame.parse("{\"type\":\"agent_started\",\"data\":{\"run_id\":\"r\"}}")));
  }

  @Test
  void aRefusalWithinTheLimitAndALateRunAreNamed() {
    RateLimitProbe probe = new RateLimitProbe(2);
    probe.send();
    assertEquals("rate-limited within the limit of 2 messages per minute",
        probe.verdict("{\"type\":\"error_message\",\"error_code\":\"RATE_LIMITED\",\"error_message\":\"x\"}"));
    assertNull(probe.verdict("{\"type\":\"agent_started\",\"data\":{\"run_id\":\"r1\"}}"));
    assertEquals("not rate-limited: a message over the limit of 2 per minute started a run after its answer",
        probe.lateRunIn(List.of("{\"type\":\"agent_started\",\"data\":{\"run_id\":\"r9\"}}")));
    assertNull(probe.lateRunIn(List.of("{\"type\":\"agent_thinking\",\"data\":{\"run_id\":\"r1\"}}")));
  }
}
