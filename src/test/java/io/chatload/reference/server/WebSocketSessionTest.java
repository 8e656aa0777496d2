package io.chatload.reference.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.AgentEvent;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketSessionTest {
  static ReferenceTarget target;
  static final AtomicInteger USERS = new AtomicInteger(100);

  @BeforeAll
  static void start() {
    target = ReferenceTarget.start(TestClient.fast().withMessagesPerMinute(5).withMaxMessageBytes(1024));
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static String newUser() {
    return "loadtest-" + USERS.incrementAndGet();
  }

  private static Ws open(String user) throws Exception {
    Ws ws = TestClient.connect(target, TestClient.mint(target, user));
    ws.welcome();
    return ws;
  }

  @Test
  void pingGetsPong() throws Exception {
    Ws ws = open(newUser());
    ws.send("{\"type\":\"ping\",\"timestamp\":1}");
    JsonNode pong = ws.next();
    assertEquals("pong", pong.path("type").asText());
    assertTrue(pong.path("timestamp").asDouble() > 1_600_000_000);
    ws.close();
  }

  @Test
  void oneRunGivesTheFiveEventsInOrderWithRequiredAndCorrelationFields() throws Exception {
    String user = newUser();
    Ws ws = open(user);
    ws.send(TestClient.userMessage("Why did our LLM spend go up?", "thread-run-1"));
    List<JsonNode> run = ws.untilRunEnds();
    String runId = run.get(0).path("data").path("run_id").asText();
    assertFalse(runId.isEmpty());
    List<String> firstOccurrences = new ArrayList<>();
    String lastTool = null;
    for (JsonNode e : run) {
      String type = e.path("type").asText();
      AgentEvent ev = AgentEvent.fromWireName(type).orElseThrow(() -> new AssertionError("unexpected " + e));
      if (!firstOccurrences.contains(type)) {
        firstOccurrences.add(type);
      }
      JsonNode d = e.path("data");
      assertEquals(runId, d.path("run_id").asText(), type);
      assertEquals("thread-run-1", d.path("thread_id").asText(), type);
      assertEquals(user, d.path("user_id").asText(), type);
      assertEquals(user, e.path("user_id").asText(), type);
      assertTrue(d.path("metadata").isObject(), type);
      assertTrue(d.path("timestamp").isNumber(), type);
      assertTrue(e.path("timestamp").isNumber(), type);
      for (String field : ev.requiredFields()) {
        boolean present = false;
        for (String alt : field.split("\\|")) {
          JsonNode v = d;
          for (String part : alt.split("\\.")) {
            v = v.path(part);
          }
          present |= !v.isMissingNode() && !v.isNull() && !(v.isTextual() && v.asText().isEmpty())
              && !(v.isContainerNode() && v.isEmpty());
        }
        assertTrue(present, type + " lacks " + field + ": " + d);
      }
      ev.expectedStatus().ifPresent(s -> assertEquals(s, d.path("status").asText(), type));
      if (type.equals("tool_executing")) {
        lastTool = d.path("tool_name").asText();
        assertTrue(d.path("parameters").isObject());
      }
      if (type.equals("tool_completed")) {
        assertEquals(lastTool, d.path("tool_name").asText());
      }
      if (type.equals("agent_thinking")) {
        assertTrue(d.path("reasoning").asText().contains("Why did our LLM spend go up?"));
      }
    }
    assertEquals(List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"),
        firstOccurrences);
    assertTrue(run.get(run.size() - 1).path("data").path("metadata").path("execution_time_ms").asLong() >= 1);
    ws.close();
  }

  @Test
  void toleratedMessageVariantsEachStartARun() throws Exception {
    Ws ws = open(newUser());
    List<String> variants = List.of(
        "{\"type\":\"start_agent\",\"payload\":{\"user_request\":\"optimise costs\",\"thread_id\":\"t-var-1\"}}",
        "{\"type\":\"chat\",\"content\":\"hello\",\"thread_id\":\"t-var-2\"}",
        "{\"type\":\"message\",\"payload\":{\"content\":\"hello\"},\"thread_id\":\"t-var-3\"}",
        "{\"type\":\"user_message\",\"payload\":{\"content\":\"no thread id\"}}");
    assertEachStartsARun(ws, variants);
    ws.close();
  }

  /** What the agent bridge of beta-15 ... beta-17 acts on: everything at the top level. */
  @Test
  void theBridgesAgentMessagesEachStartARun() throws Exception {
    Ws ws = open(newUser());
    assertEachStartsARun(ws, List.of(
        "{\"type\":\"run_agent\",\"content\":\"hello\",\"user_id\":\"u\",\"thread_id\":\"t-var-4\"}",
        "{\"type\":\"agent_message\",\"message\":\"hello\",\"thread_id\":\"t-var-5\"}",
        "{\"type\":\"execute_agent\",\"content\":\"hello\",\"thread_id\":\"t-var-6\"}"));
    ws.send("{\"type\":\"run_agent\",\"thread_id\":\"t-var-7\"}");
    assertEquals("INVALID_MESSAGE", ws.next().path("error_code").asText(), "run_agent without content");
    ws.close();
  }

  private static void assertEachStartsARun(Ws ws, List<String> variants) throws Exception {
    for (String v : variants) {
      ws.send(v);
      List<JsonNode> run = ws.untilRunEnds();
      assertEquals("agent_started", run.get(0).path("type").asText(), v);
      assertEquals("agent_completed", run.get(run.size() - 1).path("type").asText(), v);
      assertFalse(run.get(0).path("data").path("thread_id").asText().isEmpty(), v);
    }
  }

  @Test
  void invalidMessagesGetInvalidMessageAndKeepTheConnection() throws Exception {
    Ws ws = open(newUser());
    for (String bad : List.of("not json", "{\"payload\":{}}", "{\"type\":\"dance\"}",
        "{\"type\":\"user_message\",\"payload\":{\"thread_id\":\"t\"}}", "[1]")) {
      ws.send(bad);
      JsonNode err = ws.next();
      assertEquals("error_message", err.path("type").asText(), bad);
      assertEquals("INVALID_MESSAGE", err.path("error_code").asText(), bad);
      assertFalse(err.path("error_message").asText().isEmpty(), bad);
    }
    ws.send("{\"type\":\"ping\"}");
    assertEquals("pong", ws.next().path("type").asText());
    ws.close();
  }

  @Test
  void overTheRateLimitIsRateLimitedAcrossSocketsButPingsAreFree() throws Exception {
    String user = newUser();
    Ws a = open(user);
    Ws b = open(user);
    for (int i = 0; i < 3; i++) {
      a.send(TestClient.userMessage("q" + i, "t-rate-" + user));
      assertEquals("agent_completed", last(a.untilRunEnds()));
    }
    for (int i = 0; i < 2; i++) {
      b.send(TestClient.userMessage("q" + i, "t-rate-" + user));
      assertEquals("agent_completed", last(b.untilRunEnds()));
    }
    for (int i = 0; i < 10; i++) {
      b.send("{\"type\":\"ping\"}");
      assertEquals("pong", b.next().path("type").asText());
    }
    b.send(TestClient.userMessage("one too many", "t-rate-" + user));
    JsonNode err = b.next();
    assertEquals("RATE_LIMITED", err.path("error_code").asText());
    b.send("{\"type\":\"ping\"}");
    assertEquals("pong", b.next().path("type").asText()); // connection kept
    a.close();
    b.close();
  }

  @Test
  void frameOverTheSizeLimitClosesWith1009() throws Exception {
    Ws ws = open(newUser());
    ws.send(TestClient.userMessage("x".repeat(2000), "t-big"));
    assertEquals(1009, ws.awaitClose());
  }

  @Test
  void aFourthSocketOfOneUserIsRefusedWith1008() throws Exception {
    String user = newUser();
    List<Ws> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(open(user));
    }
    Ws fourth = TestClient.connect(target, TestClient.mint(target, user));
    JsonNode err = fourth.next();
    assertEquals("TOO_MANY_CONNECTIONS", err.path("error_code").asText());
    assertEquals(1008, fourth.awaitClose());
    open.get(0).close();
    open.get(0).awaitClose();
    Thread.sleep(100);
    Ws again = open(user); // a slot is free again
    again.close();
    open.forEach(Ws::close);
  }

  @Test
  void aThreadOfAnotherUserIsRefused() throws Exception {
    Ws owner = open(newUser());
    owner.send(TestClient.userMessage("mine", "t-owned"));
    assertEquals("agent_completed", last(owner.untilRunEnds()));
    Ws intruder = open(newUser());
    long runsBefore = target.counters().runsStarted();
    intruder.send(TestClient.userMessage("let me in", "t-owned"));
    JsonNode err = intruder.next();
    assertEquals("THREAD_ACCESS_DENIED", err.path("error_code").asText());
    assertTrue(intruder.drain(200).isEmpty(), "no run for a foreign thread");
    assertEquals(runsBefore, target.counters().runsStarted());
    owner.close();
    intruder.close();
  }

  @Test
  void heartbeatsArriveWhenConfigured() throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withHeartbeatSeconds(1))) {
      Ws ws = TestClient.connect(t, TestClient.mint(t, "loadtest-1"));
      ws.welcome();
      JsonNode hb = ws.next();
      assertEquals("heartbeat", hb.path("type").asText());
      ws.close();
    }
  }

  @Test
  void countersFollowSocketsAndRuns() throws Exception {
    Ws ws = open(newUser());
    long events = target.counters().eventsSent();
    ws.send(TestClient.userMessage("count me", "t-count"));
    List<JsonNode> run = ws.untilRunEnds();
    assertTrue(target.counters().eventsSent() - events >= run.size());
    assertTrue(target.counters().socketsOpen() >= 1);
    JsonNode health = TestClient.json(TestClient.get(target.backendUrl().resolve("/health")).body());
    assertTrue(health.path("counters").path("runsCompleted").asLong() >= 1);
    assertNotEquals(0, health.path("counters").path("eventsSent").asLong());
    ws.close();
  }

  private static String last(List<JsonNode> run) {
    return run.get(run.size() - 1).path("type").asText();
  }
}
