package io.chatload.reference.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a client sees on the socket in each dialect: welcome, one full run, keep-alive, ping and heartbeat answers. */
class DialectEventShapesTest {
  private static final String USER = "loadtest-12345";
  private static final List<String> RUN_ORDER =
      List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");

  /** Exactly one event of each type, all at once. */
  private static ReferenceTarget start(Dialect d) {
    return ReferenceTarget.start(TestClient.fast().withLatency("fixed:1,2,3,4,5").withDialect(d));
  }

  /** The run's frames by type, checked to be the five contract types in order. */
  private static Map<String, JsonNode> oneRun(Ws ws) throws Exception {
    ws.send(TestClient.userMessage("Why did our cloud spend go up?", "t-shape"));
    List<JsonNode> run = ws.untilRunEnds();
    assertEquals(RUN_ORDER, run.stream().map(n -> n.path("type").asText()).toList());
    return run.stream().collect(Collectors.toMap(n -> n.path("type").asText(), Function.identity()));
  }

  private static void assertIso(JsonNode n) {
    assertTrue(n.isTextual(), "ISO-8601 string expected: " + n);
    OffsetDateTime.parse(n.textValue());
  }

  private static void assertNonEmpty(JsonNode n, String what) {
    assertFalse(n.isMissingNode() || n.isNull() || n.asText().isEmpty() && n.size() == 0, what + " empty: " + n);
  }

  @Test
  void contractIsAsBefore() throws Exception {
    try (ReferenceTarget t = start(Dialect.CONTRACT)) {
      Ws ws = TestClient.connect(t, TestClient.mint(t, USER));
      JsonNode w = ws.welcome();
      assertTrue(w.path("data").path("connection_ready").asBoolean());
      assertEquals(USER, w.path("data").path("user_id").asText());
      Map<String, JsonNode> run = oneRun(ws);
      for (JsonNode e : run.values()) {
        assertEquals(USER, e.path("data").path("user_id").asText());
        assertEquals("t-shape", e.path("data").path("thread_id").asText());
        assertTrue(e.path("timestamp").isNumber());
      }
      assertTrue(run.get("agent_completed").path("data").path("metadata").path("execution_time_ms").asLong() >= 1);
      ws.send("{\"type\":\"ping\"}");
      JsonNode pong = ws.next();
      assertEquals("pong", pong.path("type").asText());
      assertTrue(pong.path("timestamp").isNumber());
    }
  }

  @Test
  void payloadPutsDetailInPayloadWithoutUserOrThread() throws Exception {
    try (ReferenceTarget t = start(Dialect.PAYLOAD)) {
      Ws ws = TestClient.connect(t, TestClient.mint(t, USER));
      JsonNode w = ws.welcome();
      assertTrue(w.path("data").path("connection_ready").asBoolean());
      assertEquals(USER, w.path("data").path("user_id").asText());
      assertEquals(t.config().maxMessageBytes(), w.path("data").path("config").path("max_message_size").asInt());
      Map<String, JsonNode> run = oneRun(ws);
      String runId = run.get("agent_started").path("run_id").asText();
      assertTrue(runId.startsWith("run_"), runId);
      for (JsonNode e : run.values()) {
        assertEquals(runId, e.path("run_id").asText());
        assertNonEmpty(e.path("agent_name"), "agent_name");
        assertIso(e.path("timestamp"));
        assertTrue(e.path("payload").isObject(), e.toString());
        assertNull(e.findValue("user_id"), "no user_id in " + e);
        assertNull(e.findValue("thread_id"), "no thread_id in " + e);
        assertFalse(e.has("data"), e.toString());
      }
      JsonNode started = run.get("agent_started").path("payload");
      assertEquals("started", started.path("status").asText());
      assertTrue(started.path("context").isObject());
      assertNonEmpty(started.path("message"), "message");
      JsonNode thinking = run.get("agent_thinking").path("payload");
      assertEquals("thinking", thinking.path("status").asText());
      assertNonEmpty(thinking.path("reasoning"), "reasoning");
      assertEquals(1, thinking.path("step_number").asInt());
      assertTrue(thinking.path("progress_percentage").isInt());
      JsonNode exec = run.get("tool_executing").path("payload");
      assertEquals("executing", exec.path("status").asText());
      assertNonEmpty(exec.path("tool_name"), "tool_name");
      assertTrue(exec.path("parameters").isObject());
      assertFalse(run.get("tool_executing").has("tool_name"), "tool_name only inside payload");
      JsonNode done = run.get("tool_completed").path("payload");
      assertEquals("completed", done.path("status").asText());
      assertEquals(exec.path("tool_name"), done.path("tool_name"));
      assertNonEmpty(done.path("result"), "result");
      assertTrue(done.path("execution_time_ms").asLong() >= 1);
      JsonNode completed = run.get("agent_completed").path("payload");
      assertEquals("completed", completed.path("status").asText());
      assertTrue(completed.path("result").isObject() && completed.path("result").size() > 0);
      assertTrue(completed.path("execution_time_ms").asLong() >= 1);
      ws.send("{\"type\":\"ping\"}");
      assertEquals("pong", ws.next().path("type").asText());
    }
  }

  @Test
  void bridgeHasUserButNoThreadAndToolNameOnTop() throws Exception {
    try (ReferenceTarget t = start(Dialect.BRIDGE)) {
      Ws ws = TestClient.connect(t, TestClient.mint(t, USER));
      assertBridgeWelcome(ws.next());
      Map<String, JsonNode> run = oneRun(ws);
      String runId = run.get("agent_started").path("run_id").asText();
      for (JsonNode e : run.values()) {
        assertEquals(runId, e.path("run_id").asText());
        assertEquals(USER, e.path("user_id").asText());
        assertNonEmpty(e.path("agent_name"), "agent_name");
        assertIso(e.path("timestamp"));
        assertTrue(e.path("data").isObject(), e.toString());
        assertNull(e.findValue("thread_id"), "no thread_id in " + e);
        assertFalse(e.has("payload"), e.toString());
      }
      JsonNode started = run.get("agent_started").path("data");
      assertEquals("started", started.path("status").asText());
      assertTrue(started.path("context").isObject());
      assertNonEmpty(started.path("message"), "message");
      JsonNode thinking = run.get("agent_thinking").path("data");
      assertEquals("thinking", thinking.path("status").asText());
      assertNonEmpty(thinking.path("reasoning"), "reasoning");
      assertEquals(1, thinking.path("step_number").asInt());
      assertTrue(thinking.path("progress_percentage").isInt());
      JsonNode exec = run.get("tool_executing");
      assertNonEmpty(exec.path("tool_name"), "tool_name");
      assertEquals("executing", exec.path("data").path("status").asText());
      assertTrue(exec.path("data").path("parameters").isObject());
      JsonNode done = run.get("tool_completed");
      assertEquals(exec.path("tool_name"), done.path("tool_name"));
      assertTrue(done.path("results").isObject() && done.path("results").size() > 0);
      assertEquals(done.path("results"), done.path("data").path("result"));
      assertTrue(done.path("data").path("execution_time_ms").asLong() >= 1);
      assertEquals("completed", done.path("data").path("status").asText());
      JsonNode completed = run.get("agent_completed").path("data");
      assertEquals("completed", completed.path("status").asText());
      assertTrue(completed.path("result").isObject() && completed.path("result").size() > 0);
      assertTrue(completed.path("execution_time_ms").asLong() >= 1);
      assertBridgeSessionAnswers(ws);
    }
  }

  @Test
  void flatHasEveryFieldOnTop() throws Exception {
    try (ReferenceTarget t = start(Dialect.FLAT)) {
      Ws ws = TestClient.connect(t, TestClient.mint(t, USER));
      assertBridgeWelcome(ws.next());
      Map<String, JsonNode> run = oneRun(ws);
      String runId = run.get("agent_started").path("run_id").asText();
      for (JsonNode e : run.values()) {
        assertEquals(runId, e.path("run_id").asText());
        assertEquals(USER, e.path("user_id").asText());
        assertEquals("t-shape", e.path("thread_id").asText());
        assertTrue(e.path("critical").asBoolean());
        assertTrue(e.path("timestamp").isNumber());
        assertNonEmpty(e.path("agent_name"), "agent_name");
        assertTrue(e.path("metadata").isObject());
        assertFalse(e.has("data") || e.has("payload"), e.toString());
      }
      assertEquals("started", run.get("agent_started").path("status").asText());
      JsonNode thinking = run.get("agent_thinking");
      assertNonEmpty(thinking.path("reasoning"), "reasoning");
      assertEquals(1, thinking.path("metadata").path("step_number").asInt());
      JsonNode exec = run.get("tool_executing");
      assertEquals("executing", exec.path("status").asText());
      assertNonEmpty(exec.path("tool_name"), "tool_name");
      assertTrue(exec.path("tool_args").isObject());
      assertEquals(exec.path("tool_args"), exec.path("parameters"));
      JsonNode done = run.get("tool_completed");
      assertEquals("completed", done.path("status").asText());
      assertEquals(exec.path("tool_name"), done.path("tool_name"));
      assertTrue(done.path("results").size() > 0);
      assertTrue(done.path("execution_time").isNumber());
      assertTrue(done.path("success").asBoolean());
      assertEquals(done.path("results"), done.path("metadata").path("result"));
      JsonNode completed = run.get("agent_completed");
      assertEquals("completed", completed.path("status").asText());
      assertTrue(completed.path("final_response").isTextual());
      assertNonEmpty(completed.path("final_response"), "final_response");
      assertTrue(completed.path("metadata").path("execution_time_ms").asLong() >= 1);
      assertBridgeSessionAnswers(ws);
    }
  }

  @Test
  void captureIsAsStagingCapturedIt() throws Exception {
    try (ReferenceTarget t = start(Dialect.CAPTURE)) {
      Ws ws = TestClient.connect(t, TestClient.mint(t, USER));
      JsonNode w = ws.welcome();
      assertEquals(USER, w.path("data").path("user_id").asText(), "the payload era's welcome");
      long before = System.currentTimeMillis();
      Map<String, JsonNode> run = oneRun(ws);
      long after = System.currentTimeMillis();
      JsonNode startedPayload = run.get("agent_started").path("payload");
      String thread = startedPayload.path("thread_id").asText();
      assertTrue(thread.matches("thread_[0-9a-f]+"), "a thread the server made: " + thread);
      assertNotEquals("t-shape", thread, "the client's thread is not echoed");
      String runId = startedPayload.path("run_id").asText();
      assertTrue(runId.matches("thread_" + thread + "_run_\\d{13}_[0-9a-f]{8}"), runId);
      for (JsonNode e : run.values()) {
        assertEquals(List.of("type", "payload"), iterable(e.fieldNames()), "nothing else at the top: " + e);
        JsonNode p = e.path("payload");
        assertEquals(runId, p.path("run_id").asText());
        assertEquals(thread, p.path("thread_id").asText());
        assertNonEmpty(p.path("agent_name"), "agent_name");
        assertTrue(p.path("timestamp").isNumber() && !p.path("timestamp").isIntegralNumber(), "float epoch seconds: " + e);
        double seconds = p.path("timestamp").asDouble();
        assertTrue(seconds * 1000 >= before - 1 && seconds * 1000 <= after + 1, e.toString());
        assertNull(e.findValue("user_id"), "no user_id in " + e);
      }
      JsonNode thinking = run.get("agent_thinking").path("payload");
      assertNonEmpty(thinking.path("reasoning"), "reasoning");
      assertEquals(1, thinking.path("step_number").asInt());
      assertNonEmpty(run.get("tool_executing").path("payload").path("tool_name"), "tool_name");
      assertNonEmpty(run.get("tool_completed").path("payload").path("result"), "result");
      assertTrue(run.get("agent_completed").path("payload").path("result").size() > 0);
    }
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static void assertBridgeWelcome(JsonNode w) {
    assertEquals("connection_established", w.path("type").asText());
    JsonNode d = w.path("data");
    assertEquals("loadtest...", d.path("user_id").asText(), "first 8 characters + ...");
    assertFalse(d.has("connection_ready"));
    assertTrue(d.path("connection_id").asText().startsWith("ws_conn_"));
    assertEquals(RUN_ORDER.size(), d.path("golden_path_events").size());
    assertTrue(d.path("features").isObject());
    assertNonEmpty(d.path("mode"), "mode");
    assertIso(d.path("timestamp"));
  }

  private static void assertBridgeSessionAnswers(Ws ws) throws Exception {
    ws.send("{\"type\":\"ping\"}");
    JsonNode pong = ws.next();
    assertEquals("pong", pong.path("type").asText());
    assertEquals(USER, pong.path("data").path("user_id").asText());
    assertIso(pong.path("data").path("timestamp"));
    ws.send("{\"type\":\"heartbeat\"}");
    assertEquals("heartbeat_ack", ws.next().path("type").asText());
  }

  @Test
  void keepAliveHasEachDialectsShape() throws Exception {
    for (Dialect d : Dialect.values()) {
      ReferenceConfig cfg = TestClient.fast().withHeartbeatSeconds(1).withDialect(d);
      try (ReferenceTarget t = ReferenceTarget.start(cfg)) {
        Ws ws = TestClient.connect(t, TestClient.mint(t, USER));
        ws.next(); // welcome
        JsonNode k = ws.next();
        switch (d) {
          case CONTRACT -> {
            assertEquals("heartbeat", k.path("type").asText());
            assertTrue(k.path("timestamp").isNumber());
          }
          case PAYLOAD, CAPTURE -> assertEquals("{\"type\":\"ping\"}", k.toString());
          case BRIDGE, FLAT -> {
            assertEquals("heartbeat", k.path("type").asText(), d.wireName());
            assertTrue(k.path("data").path("connection_id").asText().startsWith("ws_conn_"));
            assertIso(k.path("data").path("timestamp"));
            assertTrue(k.path("data").path("stats").isObject());
          }
        }
        ws.close();
      }
    }
  }
}
