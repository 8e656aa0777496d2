package io.chatload.reference.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capacity model on the wire: a queued run's events are delayed, a full queue answers overloaded, /health tells. */
class CapacityTargetTest {
  /** One run takes 300 ms from its start to agent_completed. */
  private static final ReferenceConfig ONE_WORKER = ReferenceConfig.defaults().withHeartbeatSeconds(0)
      .withLatency("fixed:10,100,150,200,300").withCapacity(new CapacityConfig(1, 1, 0));

  @Test
  void theSecondRunWaitsForTheSlotTheThirdIsRejectedAndHealthShowsTheQueue() throws Exception {
    try (ReferenceTarget target = ReferenceTarget.start(ONE_WORKER)) {
      Ws a = open(target, "loadtest-1");
      Ws b = open(target, "loadtest-2");
      Ws c = open(target, "loadtest-3");
      long sent = System.nanoTime();
      JsonNode rejected = oneRunsOneWaitsOneIsRejected(a, b, c);
      assertEquals("agent_error", rejected.path("type").asText(), rejected.toString());
      assertTrue(rejected.path("data").path("error").asText().startsWith("overloaded"), rejected.toString());
      assertEquals("thread-c", rejected.path("data").path("thread_id").asText());

      JsonNode health = TestClient.json(TestClient.get(target.backendUrl().resolve("/health")).body());
      assertEquals(1, health.path("capacity").path("busy").asInt(), health.toString());
      assertEquals(1, health.path("capacity").path("queued").asInt(), health.toString());
      assertEquals(1, health.path("capacity").path("rejected").asInt(), health.toString());

      a.untilRunEnds();
      JsonNode started = b.next();
      long startedAfterMs = (System.nanoTime() - sent) / 1_000_000;
      assertEquals("agent_started", started.path("type").asText());
      assertTrue(startedAfterMs >= 300, "b's agent_started waited for a's run (300 ms): " + startedAfterMs + " ms");
      b.untilRunEnds();
      health = TestClient.json(TestClient.get(target.backendUrl().resolve("/health")).body());
      assertEquals(0, health.path("capacity").path("busy").asInt(), health.toString());
      for (Ws ws : List.of(a, b, c)) {
        ws.close();
      }
    }
  }

  @Test
  void aLongQueueMakesHealthDegradedAndAClosedSocketLeavesTheQueue() throws Exception {
    // without the message buffer a closed socket also stops its running agent (with it, the agent plays on)
    ReferenceConfig cfg = ONE_WORKER.withLatency("fixed:10,100,150,200,2000").withCapacity(new CapacityConfig(1, 10, 0))
        .withBuffer(io.chatload.reference.buffer.BufferConfig.OFF);
    try (ReferenceTarget target = ReferenceTarget.start(cfg)) {
      Ws a = open(target, "loadtest-11");
      a.send(TestClient.userMessage("busy", "thread-x"));
      Ws[] waiting = new Ws[3];
      for (int i = 0; i < waiting.length; i++) {
        waiting[i] = open(target, "loadtest-2" + i);
        waiting[i].send(TestClient.userMessage("wait", "thread-w" + i));
      }
      Thread.sleep(200);
      JsonNode health = TestClient.json(TestClient.get(target.backendUrl().resolve("/health")).body());
      assertEquals("degraded", health.path("status").asText(), health.toString());
      assertEquals(3, health.path("capacity").path("queued").asInt(), health.toString());
      for (Ws ws : waiting) {
        ws.close();
      }
      a.close();
      Thread.sleep(300);
      health = TestClient.json(TestClient.get(target.backendUrl().resolve("/health")).body());
      assertEquals(0, health.path("capacity").path("queued").asInt(), health.toString());
      assertEquals(0, health.path("capacity").path("busy").asInt(), "closing the socket freed the running slot: " + health);
      assertEquals("healthy", health.path("status").asText());
    }
  }

  @Test
  void theOverloadedAnswerIsInTheTargetsDialect() throws Exception {
    try (ReferenceTarget target = ReferenceTarget.start(ONE_WORKER.withDialect(io.chatload.contract.Dialect.BRIDGE))) {
      Ws a = TestClient.connect(target, TestClient.mint(target, "loadtest-1"));
      Ws b = TestClient.connect(target, TestClient.mint(target, "loadtest-2"));
      Ws c = TestClient.connect(target, TestClient.mint(target, "loadtest-3"));
      for (Ws ws : List.of(a, b, c)) {
        assertEquals("connection_established", ws.next().path("type").asText()); // the bridge dialect's welcome
      }
      JsonNode rejected = oneRunsOneWaitsOneIsRejected(a, b, c);
      assertEquals("agent_error", rejected.path("type").asText(), rejected.toString());
      assertTrue(rejected.has("run_id") && !rejected.has("thread_id") && !rejected.path("data").has("thread_id"), rejected.toString());
      assertTrue(rejected.path("data").path("error_message").asText().startsWith("overloaded"), rejected.toString());
    }
  }

  /** With one worker and a queue of one: a's run takes the slot, b's waits, c's is refused; returns c's answer. */
  private static JsonNode oneRunsOneWaitsOneIsRejected(Ws a, Ws b, Ws c) throws Exception {
    a.send(TestClient.userMessage("first", "thread-a"));
    Thread.sleep(20);
    b.send(TestClient.userMessage("second", "thread-b"));
    Thread.sleep(20);
    c.send(TestClient.userMessage("third", "thread-c"));
    return c.next();
  }

  private static Ws open(ReferenceTarget target, String user) throws Exception {
    Ws ws = TestClient.connect(target, TestClient.mint(target, user));
    ws.welcome();
    return ws;
  }
}
