package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Frames read one after another on one thread, as an event loop reads them: a malformed frame, or
 * one with something after its object, says so and leaves nothing behind for the next.
 */
class FrameSequenceTest {
  private static final String GOOD = "{\"type\":\"agent_started\",\"data\":{\"run_id\":\"r-1\",\"user_id\":\"u-1\"}}";

  private static void assertGood(String raw, String runId) {
    Frame f = Frame.parse(raw);
    assertNull(f.problem(), raw);
    assertEquals("agent_started", f.type);
    assertEquals(runId, f.runId());
  }

  @Test
  void aFrameAfterAMalformedOneIsReadWhole() {
    String[][] bad = {
        {"{\"type\":\"agent_started\",\"data\":{\"run_id\":\"r-0\"", "not JSON"}, // truncated mid-object
        {"{\"type\":\"agent_started\",\"data\":{\"run_id\":\"r-0", "not JSON"}, // truncated mid-string
        {"{\"type\":", "not JSON"}, {"{", "not JSON"}, {"{\"type\" \"x\"}", "not JSON"}, {"}", "not JSON"},
        {"", "not a JSON object"}, {"   ", "not a JSON object"}, {"[1,2", "not a JSON object"},
        {"[{\"type\":\"x\"}]", "not a JSON object"}, {"42", "not a JSON object"}, {"\"text\"", "not a JSON object"}};
    for (String[] frame : bad) {
      assertEquals(frame[1], Frame.parse(frame[0]).problem(), frame[0]);
      assertGood(GOOD, "r-1");
    }
  }

  @Test
  void whatFollowsTheObjectInTheSameFrameIsNotJson() {
    assertEquals("not JSON", Frame.parse(GOOD + " {\"type\":\"agent_thinking\"}").problem());
    assertGood(GOOD, "r-1");
    assertEquals("not JSON", Frame.parse(GOOD + "{}").problem());
    assertGood(GOOD, "r-1");
    assertEquals("not JSON", Frame.parse(GOOD + " x").problem());
    assertGood(GOOD, "r-1");
    assertGood(" \n" + GOOD + " \r\n\t", "r-1");
    assertGood(GOOD, "r-1");
  }

  @Test
  void framesLongerThanJacksonsBufferAreReadWhole() {
    String filler = "x".repeat(50_000);
    String big = "{\"type\":\"agent_started\",\"reasoning\":\"" + filler + "\",\"data\":{\"run_id\":\"r-big\"}}";
    for (int i = 0; i < 3; i++) {
      assertGood(big, "r-big");
      assertGood(GOOD, "r-1");
    }
    assertEquals("not JSON", Frame.parse(big + " " + big).problem());
    assertEquals("not JSON", Frame.parse(big.substring(0, 30_000)).problem());
    assertGood(GOOD, "r-1");
  }

  @Test
  void manyFramesOnOneThreadStayTheirOwn() {
    // with a malformed frame now and then
    for (int i = 0; i < 20_000; i++) {
      if (i % 997 == 0) {
        assertEquals("not JSON", Frame.parse("{\"type\":\"agent_started\",").problem());
      }
      String raw = "{\"type\":\"agent_started\",\"data\":{\"run_id\":\"r-" + i + "\",\"name_" + i + "\":1}}";
      assertGood(raw, "r-" + i);
    }
  }
}
