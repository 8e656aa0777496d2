package io.chatload.reference.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.AgentEvent;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault alone, with p=1 and a fixed seed so every run shows it. */
class FaultInjectionTest {

  private static ReferenceTarget start(String faults) {
    return ReferenceTarget.start(TestClient.fast().withFaults(faults).withSeed(42));
  }

  private static Ws open(ReferenceTarget t, String user) throws Exception {
    Ws ws = TestClient.connect(t, TestClient.mint(t, user));
    ws.welcome();
    return ws;
  }

  /** The frames of one run as raw text, collected until the socket goes quiet. */
  private static List<String> runFrames(Ws ws) throws Exception {
    ws.send(TestClient.userMessage("Why did our spend go up?", "t-fault"));
    List<String> frames = new ArrayList<>();
    frames.add(ws.nextRaw());
    frames.addAll(ws.drain(300));
    return frames;
  }

  private static List<String> types(List<String> frames) throws Exception {
    List<String> out = new ArrayList<>();
    for (String f : frames) {
      out.add(TestClient.json(f).path("type").asText());
    }
    return out;
  }

  private static List<String> firstOccurrences(List<String> types) {
    List<String> out = new ArrayList<>();
    for (String t : types) {
      if (AgentEvent.fromWireName(t).isPresent() && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static final List<String> CONTRACT_ORDER =
      List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");

  /** beta-15 … beta-17's broken chat path: the first message of any kind is answered CONNECTION_ERROR, then 1011. */
  @Test
  void chatBrokenAnswersTheFirstMessageWithConnectionErrorAndCloses1011() throws Exception {
    for (String first : List.of(TestClient.userMessage("Why did our spend go up?", "t-broken"), "{\"type\":\"ping\"}")) {
      try (ReferenceTarget t = start("chat-broken=1")) {
        Ws ws = open(t, "loadtest-1");
        ws.send(first);
        JsonNode error = ws.next();
        assertEquals("error_message", error.path("type").asText());
        JsonNode data = error.path("data");
        assertEquals("CONNECTION_ERROR", data.path("error_code").asText());
        assertEquals("Connection error in main mode", data.path("error_message").asText());
        assertEquals("TypeError", data.path("details").path("error_type").asText());
        assertEquals("main", data.path("details").path("mode").asText());
        assertTrue(data.path("timestamp").asText().endsWith("+00:00"), data.toString());
        assertEquals(1011, ws.awaitClose());
        assertEquals(0, t.counters().runsStarted(), "no agent was started");
        assertEquals(1, t.counters().faultsInjected("chat-broken"));
      }
    }
  }

  @Test
  void chatBrokenLaterStartsAfterItsOnset() throws Exception {
    try (ReferenceTarget t = start("chat-broken=1@60m")) {
      Ws ws = open(t, "loadtest-1");
      ws.send(TestClient.userMessage("Why did our spend go up?", "t-fine"));
      List<JsonNode> run = ws.untilRunEnds();
      assertEquals("agent_completed", run.get(run.size() - 1).path("type").asText());
      assertEquals(0, t.counters().faultsInjected("chat-broken"));
    }
  }

  @Test
  void slowMultipliesEveryDelay() throws Exception {
    ReferenceConfig cfg = ReferenceConfig.defaults().withHeartbeatSeconds(0).withLatency("fixed:10,20,30,40,60");
    try (ReferenceTarget t = ReferenceTarget.start(cfg.withFaults("slow=4").withSeed(1))) {
      Ws ws = open(t, "loadtest-1");
      long sent = System.nanoTime();
      ws.send(TestClient.userMessage("slow please", "t-slow"));
      List<JsonNode> run = ws.untilRunEnds();
      long ms = (System.nanoTime() - sent) / 1_000_000;
      assertEquals(CONTRACT_ORDER, run.stream().map(n -> n.path("type").asText()).toList());
      assertTrue(ms >= 230, "4 x 60 ms expected, took " + ms);
      assertEquals(1, t.counters().faultsInjected("slow"));
    }
  }

  @Test
  void staleStampsEveryEventTwoSecondsBeforeItIsSent() throws Exception {
    try (ReferenceTarget t = start("stale=1")) {
      Ws ws = open(t, "loadtest-1");
      ws.send(TestClient.userMessage("Why did our spend go up?", "t-stale"));
      List<JsonNode> run = ws.untilRunEnds();
      long received = System.currentTimeMillis();
      assertEquals(CONTRACT_ORDER, firstOccurrences(run.stream().map(n -> n.path("type").asText()).toList()));
      for (JsonNode event : run) {
        long stamped = Math.round(event.path("timestamp").asDouble() * 1000);
        assertTrue(received - stamped >= 2_000, event.path("type").asText() + " stamped " + (received - stamped) + " ms before it was read");
      }
      assertEquals(1, t.counters().faultsInjected("stale"));
    }
  }

  @Test
  void dropRemovesEveryOccurrenceOfTheEvent() throws Exception {
    try (ReferenceTarget t = start("drop=agent_thinking:1")) {
      List<String> types = types(runFrames(open(t, "loadtest-1")));
      assertFalse(types.contains("agent_thinking"), types.toString());
      assertTrue(types.contains("agent_started") && types.contains("agent_completed"), types.toString());
      assertEquals(1, t.counters().faultsInjected("drop"));
    }
  }

  @Test
  void disorderSwapsFirstOccurrences() throws Exception {
    try (ReferenceTarget t = start("disorder=1")) {
      List<String> firsts = firstOccurrences(types(runFrames(open(t, "loadtest-1"))));
      assertEquals(5, firsts.size(), firsts.toString());
      assertNotEquals(CONTRACT_ORDER, firsts);
      assertEquals(1, t.counters().faultsInjected("disorder"));
    }
  }

  @Test
  void leakDeliversAnEventToAnotherUsersSocketUnchanged() throws Exception {
    try (ReferenceTarget t = start("leak=1")) {
      Ws bystander = open(t, "loadtest-2");
      Ws victim = open(t, "loadtest-1");
      List<String> own = runFrames(victim);
      List<String> leaked = bystander.drain(300);
      assertEquals(1, leaked.size(), leaked.toString());
      JsonNode l = TestClient.json(leaked.get(0));
      assertEquals("loadtest-1", l.path("data").path("user_id").asText());
      assertEquals("t-fault", l.path("data").path("thread_id").asText());
      assertTrue(own.contains(leaked.get(0)), "the leaked copy is one of the victim's own frames");
      assertEquals(1, t.counters().faultsInjected("leak"));
    }
  }

  @Test
  void malformedReplacesOneFrameWithNonJson() throws Exception {
    try (ReferenceTarget t = start("malformed=1")) {
      int bad = 0;
      for (String f : runFrames(open(t, "loadtest-1"))) {
        try {
          TestClient.json(f);
        } catch (Exception e) {
          bad++;
          assertTrue(f.startsWith("{\"type\":"), f);
        }
      }
      assertEquals(1, bad);
      assertEquals(1, t.counters().faultsInjected("malformed"));
    }
  }

  @Test
  void disconnectClosesMidRunWith1011() throws Exception {
    try (ReferenceTarget t = start("disconnect=1")) {
      Ws ws = open(t, "loadtest-1");
      List<String> types = types(runFrames(ws));
      assertEquals(1011, ws.awaitClose());
      assertTrue(types.contains("agent_started"), types.toString());
      assertFalse(types.contains("agent_completed"), types.toString());
      assertEquals(1, t.counters().faultsInjected("disconnect"));
    }
  }

  @Test
  void errorEndsTheRunWithAgentError() throws Exception {
    try (ReferenceTarget t = start("error=1")) {
      Ws ws = open(t, "loadtest-1");
      List<String> frames = runFrames(ws);
      List<String> types = types(frames);
      assertEquals("agent_started", types.get(0));
      assertEquals("agent_error", types.get(types.size() - 1), types.toString());
      assertFalse(types.contains("agent_completed"));
      JsonNode d = TestClient.json(frames.get(frames.size() - 1)).path("data");
      assertEquals("error", d.path("status").asText());
      assertFalse(d.path("error").asText().isEmpty());
      assertEquals("loadtest-1", d.path("user_id").asText());
      assertEquals("t-fault", d.path("thread_id").asText());
      assertEquals(TestClient.json(frames.get(0)).path("data").path("run_id").asText(), d.path("run_id").asText());
    }
  }

  @Test
  void stallNeverSendsAgentCompleted() throws Exception {
    try (ReferenceTarget t = start("stall=1")) {
      List<String> types = types(runFrames(open(t, "loadtest-1")));
      assertTrue(types.contains("tool_completed"), types.toString());
      assertFalse(types.contains("agent_completed"), types.toString());
      assertEquals(0, t.counters().runsCompleted());
    }
  }

  @Test
  void loginFailAnswers503() throws Exception {
    try (ReferenceTarget t = start("login-fail=1")) {
      HttpResponse<String> r = TestClient.post(t.authUrl().resolve("/auth/login"),
          "{\"email\":\"loadtest-1@example.com\",\"password\":\"loadtest-password\"}");
      assertEquals(503, r.statusCode());
      assertFalse(TestClient.json(r.body()).path("detail").asText().isEmpty());
      JsonNode health = TestClient.json(TestClient.get(t.backendUrl().resolve("/health")).body());
      assertEquals(1, health.path("counters").path("faultsInjected").path("login-fail").asLong());
    }
  }

  @Test
  void withoutFaultsNothingIsInjected() throws Exception {
    try (ReferenceTarget t = start("")) {
      List<String> types = types(runFrames(open(t, "loadtest-1")));
      assertEquals(CONTRACT_ORDER, firstOccurrences(types));
      assertTrue(t.counters().faultsInjected().isEmpty());
    }
  }
}
