package io.chatload.reference.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TargetCounters.Buffered;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import io.chatload.reference.buffer.BufferConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The platform's message buffer over real loopback sockets: a run whose socket is lost plays on,
 * and the user's next socket gets the rest of it after the welcome, in order, each frame once.
 */
class MessageBufferTest {
  /** One event of each type, 40 ms apart: the run outlives the lost socket. */
  private static final String PACED = "fixed:40,80,120,160,200";
  private static final List<String> RUN = List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");

  private static ReferenceConfig config(String faults) {
    return TestClient.fast().withLatencyScale(1).withLatency(PACED).withFaults(faults).withSeed(7);
  }

  /** Until every run has played to its end (into the buffer when its socket is gone), at most 5 s. */
  private static void awaitRunsEnded(ReferenceTarget t) throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (t.counters().runsInFlight() > 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertEquals(0, t.counters().runsInFlight(), "runs still playing after 5 s");
  }

  private static Ws open(ReferenceTarget t, String user) throws Exception {
    Ws ws = TestClient.connect(t, TestClient.mint(t, user));
    ws.welcome();
    return ws;
  }

  /** Every frame the socket got until the server closed it, and the close code. */
  private static List<JsonNode> untilClosed(Ws ws, int expectedCode) throws Exception {
    assertEquals(expectedCode, ws.awaitClose());
    List<String> raw = new ArrayList<>();
    ws.messages.drainTo(raw);
    return frames(raw);
  }

  private static List<JsonNode> frames(List<String> raw) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String r : raw) {
      out.add(TestClient.json(r));
    }
    return out;
  }

  private static List<String> types(List<JsonNode> frames) {
    return frames.stream().map(f -> f.path("type").asText()).toList();
  }

  @Test
  void aDisconnectedRunIsDeliveredOnReconnectInOrderOnce() throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(config("disconnect=1"))) {
      Ws first = open(t, "loadtest-1");
      first.send(TestClient.userMessage("Why did our spend go up?", "t-buf"));
      List<JsonNode> before = untilClosed(first, 1011);
      awaitRunsEnded(t); // the rest of the run is played meanwhile, into the buffer
      assertTrue(t.counters().buffered(Buffered.KEPT) > 0, "nothing was kept for the absent user");

      Ws second = open(t, "loadtest-1");
      List<JsonNode> after = frames(second.drain(300));
      List<String> all = new ArrayList<>(types(before));
      all.addAll(types(after));
      assertEquals(RUN, all, "before the loss " + types(before) + ", replayed " + types(after));
      assertFalse(after.isEmpty());
      String runId = before.get(0).path("data").path("run_id").asText();
      for (JsonNode f : after) {
        assertEquals(runId, f.path("data").path("run_id").asText(), "the replay is the interrupted run's");
        assertEquals("loadtest-1", f.path("data").path("user_id").asText());
      }
      assertEquals(after.size(), t.counters().buffered(Buffered.DELIVERED));
      assertEquals(0, t.counters().buffered(Buffered.DROPPED_GLOBAL_CAP) + t.counters().buffered(Buffered.DROPPED_USER_CAP));
      second.close();
    }
  }

  @Test
  void aUserWhoClosesMidRunGetsTheRestOnItsNextSocket() throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(config(""))) {
      Ws first = open(t, "loadtest-2");
      first.send(TestClient.userMessage("hello", "t-close"));
      JsonNode started = first.next();
      assertEquals("agent_started", started.path("type").asText());
      first.close();
      first.awaitClose();
      awaitRunsEnded(t);
      Ws second = open(t, "loadtest-2");
      List<JsonNode> after = frames(second.drain(200));
      assertEquals(RUN.subList(1, 5), types(after));
      second.close();
    }
  }

  @Test
  void liveFramesFollowTheReplayOnTheNewSocket() throws Exception {
    // slow run: reconnect while the agent is still working; the replay and the live rest must join up
    ReferenceConfig c = config("disconnect=1").withLatency("fixed:40,80,400,800,1000");
    try (ReferenceTarget t = ReferenceTarget.start(c)) {
      Ws first = open(t, "loadtest-3");
      first.send(TestClient.userMessage("hello", "t-live"));
      List<JsonNode> before = untilClosed(first, 1011);
      Ws second = open(t, "loadtest-3");
      List<JsonNode> after = frames(second.drain(1300));
      List<String> all = new ArrayList<>(types(before));
      all.addAll(types(after));
      assertEquals(RUN, all);
      second.close();
    }
  }

  @Test
  void theGlobalCapLosesEventsAndHealthCountsThem() throws Exception {
    ReferenceConfig c = config("").withBuffer(new BufferConfig(true, 200, 3, 120));
    try (ReferenceTarget t = ReferenceTarget.start(c)) {
      List<Ws> gone = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        Ws ws = open(t, "loadtest-" + (10 + i));
        ws.send(TestClient.userMessage("hello", "t-cap-" + i));
        assertEquals("agent_started", ws.next().path("type").asText());
        ws.close();
        gone.add(ws);
      }
      for (Ws ws : gone) {
        ws.awaitClose();
      }
      awaitRunsEnded(t);
      long kept = t.counters().buffered(Buffered.KEPT);
      long refused = t.counters().buffered(Buffered.DROPPED_GLOBAL_CAP);
      assertEquals(3, kept);
      assertEquals(3 * 4 - 3, refused, "three users miss four events each; the cap keeps three");
      JsonNode health = TestClient.json(TestClient.get(t.backendUrl().resolve("/health")).body());
      JsonNode buffer = health.path("counters").path("buffer");
      assertEquals(refused, buffer.path("droppedGlobalCap").asLong(), health.toString());
      assertEquals(3, buffer.path("held").asInt());
      assertEquals(3, health.path("config").path("buffer").path("global").asInt());
    }
  }

  @Test
  void withTheBufferOffALostSocketLosesTheRun() throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(config("disconnect=1").withBuffer(BufferConfig.OFF))) {
      Ws first = open(t, "loadtest-4");
      first.send(TestClient.userMessage("hello", "t-off"));
      first.drain(150);
      first.awaitClose();
      awaitRunsEnded(t);
      Ws second = open(t, "loadtest-4");
      assertEquals(List.of(), second.drain(200));
      assertEquals(0, t.counters().buffered(Buffered.KEPT));
      JsonNode health = TestClient.json(TestClient.get(t.backendUrl().resolve("/health")).body());
      assertFalse(health.path("config").path("buffer").path("enabled").asBoolean());
      second.close();
    }
  }

  @Test
  void propertiesSetAndTurnOffTheBuffer() {
    Properties p = new Properties();
    p.setProperty("reference.buffer.perUser", "5");
    p.setProperty("reference.buffer.global", "20");
    p.setProperty("reference.buffer.seconds", "30");
    assertEquals(new BufferConfig(true, 5, 20, 30), ReferenceConfig.fromProperties(p, java.util.Map.of()).buffer());
    p.setProperty("reference.buffer", "off");
    assertFalse(ReferenceConfig.fromProperties(p, java.util.Map.of()).buffer().enabled());
    assertEquals(BufferConfig.DEFAULT, ReferenceConfig.defaults().buffer());
    p.setProperty("reference.buffer.global", "0");
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ReferenceConfig.fromProperties(p, java.util.Map.of()));
    assertTrue(e.getMessage().contains("reference.buffer.global=0"), e.getMessage());
  }
}
