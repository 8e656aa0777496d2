package io.chatload.reference.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fault still happens when the target speaks another dialect (p=1, fixed seed, one event of each type). */
class DialectFaultsTest {
  private static final List<String> ORDER =
      List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");

  private static ReferenceTarget start(Dialect d, String faults) {
    return ReferenceTarget.start(
        TestClient.fast().withLatency("fixed:1,2,3,4,5").withDialect(d).withFaults(faults).withSeed(42));
  }

  private static Ws open(ReferenceTarget t, String user) throws Exception {
    Ws ws = TestClient.connect(t, TestClient.mint(t, user));
    ws.next(); // welcome, whatever its shape
    return ws;
  }

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

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"PAYLOAD", "BRIDGE", "FLAT"})
  void leakSendsTheVictimsOwnFrameToAnotherUser(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, "leak=1")) {
      Ws bystander = open(t, "loadtest-2");
      Ws victim = open(t, "loadtest-1");
      List<String> own = runFrames(victim);
      List<String> leaked = bystander.drain(300);
      assertEquals(1, leaked.size(), leaked.toString());
      assertTrue(own.contains(leaked.get(0)), "the leaked copy is one of the victim's own frames");
      JsonNode l = TestClient.json(leaked.get(0));
      assertEquals(TestClient.json(own.get(0)).path("run_id").asText(), l.path("run_id").asText());
      if (d != Dialect.PAYLOAD && !l.path("type").asText().equals("agent_error")) {
        assertEquals("loadtest-1", l.path("user_id").asText(), l.toString());
      }
      assertEquals(1, t.counters().faultsInjected("leak"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"PAYLOAD", "BRIDGE", "FLAT"})
  void dropRemovesTheEvent(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, "drop=agent_thinking:1")) {
      List<String> types = types(runFrames(open(t, "loadtest-1")));
      assertEquals(List.of("agent_started", "tool_executing", "tool_completed", "agent_completed"), types);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"PAYLOAD", "BRIDGE", "FLAT"})
  void disorderSwapsTwoEvents(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, "disorder=1")) {
      List<String> types = types(runFrames(open(t, "loadtest-1")));
      assertEquals(5, types.stream().filter(x -> AgentEvent.fromWireName(x).isPresent()).distinct().count(), types.toString());
      assertNotEquals(ORDER, types);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"PAYLOAD", "BRIDGE", "FLAT"})
  void malformedSendsOneNonJsonFrame(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, "malformed=1")) {
      int bad = 0;
      for (String f : runFrames(open(t, "loadtest-1"))) {
        try {
          TestClient.json(f);
        } catch (Exception e) {
          bad++;
        }
      }
      assertEquals(1, bad);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"PAYLOAD", "BRIDGE", "FLAT"})
  void disconnectClosesMidRunWith1011(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, "disconnect=1")) {
      Ws ws = open(t, "loadtest-1");
      List<String> types = types(runFrames(ws));
      assertFalse(types.contains("agent_completed"), types.toString());
      assertEquals(1011, ws.awaitClose());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"PAYLOAD", "BRIDGE", "FLAT"})
  void stallNeverCompletes(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, "stall=1")) {
      List<String> types = types(runFrames(open(t, "loadtest-1")));
      assertEquals(ORDER.subList(0, 4), types);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"PAYLOAD", "BRIDGE", "FLAT"})
  void errorEndsTheRunWithTheDialectsAgentError(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, "error=1")) {
      Ws ws = open(t, "loadtest-1");
      ws.send(TestClient.userMessage("fail please", "t-err"));
      List<JsonNode> run = ws.untilRunEnds();
      JsonNode error = run.get(run.size() - 1);
      assertEquals("agent_error", error.path("type").asText());
      assertEquals(run.get(0).path("run_id").asText(), error.path("run_id").asText());
      switch (d) {
        case PAYLOAD -> {
          assertEquals("error", error.path("payload").path("status").asText());
          assertFalse(error.path("payload").path("error_message").asText().isEmpty());
        }
        case BRIDGE -> {
          assertEquals("error", error.path("data").path("status").asText());
          assertFalse(error.path("data").path("error_message").asText().isEmpty());
          assertFalse(error.has("user_id"), "the real agent_error has no user_id");
        }
        default -> {
          assertEquals("error", error.path("status").asText());
          assertFalse(error.path("error").asText().isEmpty());
          assertEquals("loadtest-1", error.path("user_id").asText());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"BRIDGE", "FLAT"})
  void slowAndLoginFailStillWork(Dialect d) throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withLatency("fixed:10,20,30,40,60").withLatencyScale(1)
        .withDialect(d).withFaults("slow=3,login-fail=1").withSeed(1))) {
      Ws ws = open(t, "loadtest-1");
      long sent = System.nanoTime();
      ws.send(TestClient.userMessage("slow please", "t-slow"));
      ws.untilRunEnds();
      assertTrue((System.nanoTime() - sent) / 1_000_000 >= 170, "3 x 60 ms");
      assertEquals(503, TestClient.post(t.authUrl().resolve("/auth/login"),
          "{\"email\":\"loadtest-1@example.com\",\"password\":\"loadtest-password\"}").statusCode());
    }
  }
}
