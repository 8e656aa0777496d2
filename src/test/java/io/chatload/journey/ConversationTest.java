package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.injector.InjectorLateness;
import io.chatload.sla.SlaSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The frame verdicts of one user's conversation, without sockets. */
class ConversationTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private Conversation conversation;
  private String thread;
  private String run = "run-1";
  private int turn = 1;

  @BeforeEach
  void startTurn() {
    conversation = new Conversation("user-1", SlaSpec.load("embedded"), clock::get);
    conversation.beginTurn("hello");
    thread = conversation.threadId();
  }

  private String event(AgentEvent type, String user, String threadId, String run) {
    ObjectNode f = Json.MAPPER.createObjectNode();
    f.put("type", type.wireName());
    f.put("timestamp", clock.get() / 1000.0);
    ObjectNode d = f.putObject("data");
    d.put("run_id", run);
    d.put("thread_id", threadId);
    d.put("user_id", user);
    ObjectNode meta = d.putObject("metadata");
    switch (type) {
      case AGENT_STARTED -> {
        d.put("agent_name", "supervisor");
        d.put("status", "started");
      }
      case AGENT_THINKING -> {
        d.put("reasoning", "looking at costs");
        meta.put("step_number", 1);
      }
      case TOOL_EXECUTING -> {
        d.put("tool_name", "analyze_costs");
        d.put("status", "executing");
        d.putObject("parameters").put("period", "7d");
      }
      case TOOL_COMPLETED -> {
        d.put("tool_name", "analyze_costs");
        d.put("status", "completed");
        d.put("result", "spend up 40%");
      }
      case AGENT_COMPLETED -> {
        d.put("agent_name", "supervisor");
        d.put("status", "completed");
        d.put("result", "Route summarization to a smaller model.");
        meta.put("execution_time_ms", 1200);
      }
    }
    return f.toString();
  }

  private String own(AgentEvent type) {
    return event(type, "user-1", thread, run);
  }

  /** A new turn: a new thread (contract messages) and the server's next run. */
  private void nextTurn() {
    conversation.beginTurn("again");
    thread = conversation.threadId();
    run = "run-" + (++turn);
  }

  private void accept(String frame, AgentEvent awaited) {
    assertTrue(conversation.consumes(frame, awaited), "should be taken by the " + awaited + " check");
    assertNull(conversation.problemOf(frame), () -> conversation.problemOf(frame));
  }

  private String reject(String frame, AgentEvent awaited) {
    assertTrue(conversation.consumes(frame, awaited), "a breach must be taken, never skipped");
    String problem = conversation.problemOf(frame);
    assertNotNull(problem, "a KO with a reason");
    return problem;
  }

  @Test
  void aCorrectRunPassesEveryCheck() {
    for (AgentEvent e : AgentEvent.values()) {
      accept(own(e), e);
    }
    assertEquals("run-1", conversation.runId());
  }

  @Test
  void repeatsAndIgnorableTypesAreLeftAlone() {
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    accept(own(AgentEvent.AGENT_THINKING), AgentEvent.AGENT_THINKING);
    assertFalse(conversation.consumes(own(AgentEvent.AGENT_THINKING), AgentEvent.TOOL_EXECUTING));
    assertFalse(conversation.consumes("{\"type\":\"heartbeat\",\"timestamp\":1}", AgentEvent.TOOL_EXECUTING));
    assertFalse(conversation.consumes("{\"type\":\"agent_progress\",\"data\":{}}", AgentEvent.TOOL_EXECUTING));
    accept(own(AgentEvent.TOOL_EXECUTING), AgentEvent.TOOL_EXECUTING);
  }

  @Test
  void anotherUsersEventIsACrossUserLeak() {
    FrameTally tally = new FrameTally();
    conversation = new Conversation("user-1", SlaSpec.load("embedded"), io.chatload.config.MessageStyle.CONTRACT, clock::get,
        InjectorLateness.NONE, tally);
    conversation.beginTurn("hello");
    String foreign = event(AgentEvent.AGENT_STARTED, "user-2", "thread_x", "run-9");
    String reason = reject(foreign, AgentEvent.AGENT_STARTED);
    assertEquals("cross-user leak: agent_started of another user", reason);
    assertTrue(conversation.breachOf(foreign).detail().contains("user-2"));
    assertEquals(1, tally.counts().leaks());
  }

  @Test
  void aForeignRunOnOwnThreadIsALeak() {
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    String reason = reject(event(AgentEvent.AGENT_THINKING, "user-1", thread, "run-other"), AgentEvent.AGENT_THINKING);
    assertTrue(reason.startsWith("cross-user leak"), reason);
  }

  @Test
  void anUnknownThreadOfTheSameUserIsALeakButAnEarlierTurnIsStale() {
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    String earlier = thread;
    nextTurn();
    assertFalse(conversation.consumes(event(AgentEvent.AGENT_COMPLETED, "user-1", earlier, "run-1"), AgentEvent.AGENT_STARTED));
    String reason = reject(event(AgentEvent.AGENT_STARTED, "user-1", "thread_never", "run-2"), AgentEvent.AGENT_STARTED);
    assertTrue(reason.contains("never opened"), reason);
  }

  @Test
  void outOfOrderEventsAreNamed() {
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    assertFalse(conversation.consumes(own(AgentEvent.TOOL_EXECUTING), AgentEvent.AGENT_THINKING));
    String reason = reject(own(AgentEvent.AGENT_THINKING), AgentEvent.AGENT_THINKING);
    assertEquals("out of order: tool_executing arrived before agent_thinking", reason);
  }

  @Test
  void aMissingEventIsNamedWhenTheRunCompletesWithoutIt() {
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    assertFalse(conversation.consumes(own(AgentEvent.TOOL_EXECUTING), AgentEvent.AGENT_THINKING));
    assertFalse(conversation.consumes(own(AgentEvent.TOOL_COMPLETED), AgentEvent.AGENT_THINKING));
    String reason = reject(own(AgentEvent.AGENT_COMPLETED), AgentEvent.AGENT_THINKING);
    assertEquals("agent_thinking missing: agent_completed arrived without it", reason);
  }

  @Test
  void malformedAndUntypedFramesAreKos() {
    assertTrue(reject("{\"type\":\"agent_sta", AgentEvent.AGENT_STARTED).startsWith("malformed frame (not JSON)"));
    assertTrue(reject("{\"data\":{}}", AgentEvent.AGENT_STARTED).contains("without a string 'type'"));
    assertTrue(reject("[1,2]", AgentEvent.AGENT_STARTED).contains("not a JSON object"));
    assertTrue(reject("{\"type\":\"surprise\"}", AgentEvent.AGENT_STARTED).startsWith("unexpected frame type 'surprise'"));
  }

  @Test
  void wrongTypesForFieldsAreKosNotCrashes() {
    assertTrue(reject("{\"type\":\"agent_started\",\"data\":\"oops\"}", AgentEvent.AGENT_STARTED).contains("not an object"));
    assertTrue(reject("{\"type\":42}", AgentEvent.AGENT_STARTED).contains("without a string 'type'"));
    String numericUser = own(AgentEvent.AGENT_STARTED).replace("\"user-1\"", "17");
    assertTrue(reject(numericUser, AgentEvent.AGENT_STARTED).startsWith("cross-user leak"));
    nextTurn();
    String objectName = own(AgentEvent.AGENT_STARTED).replace("\"supervisor\"", "{}");
    assertEquals("agent_started lacks agent_name", reject(objectName, AgentEvent.AGENT_STARTED));
    String huge = "{\"type\":\"agent_started\",\"data\":{\"x\":\"" + "a".repeat(2_000_000) + "\"}}";
    assertTrue(reject(huge, AgentEvent.AGENT_STARTED).length() < 400, "a KO message stays short");
  }

  @Test
  void errorsCarryTheirReason() {
    String agentError = "{\"type\":\"agent_error\",\"data\":{\"run_id\":\"run-1\",\"thread_id\":\"" + thread
        + "\",\"user_id\":\"user-1\",\"error\":\"LLM quota exceeded\",\"status\":\"error\"}}";
    assertEquals("agent_error: LLM quota exceeded", reject(agentError, AgentEvent.AGENT_THINKING));
    String limit = "{\"type\":\"error_message\",\"error_code\":\"RATE_LIMITED\",\"error_message\":\"30 per minute\"}";
    assertEquals("error_message RATE_LIMITED: 30 per minute", reject(limit, AgentEvent.AGENT_STARTED));
  }

  @Test
  void emptyRequiredFieldsAndWrongStatusAreNamed() {
    String noName = own(AgentEvent.AGENT_STARTED).replace("\"supervisor\"", "\"\"");
    assertEquals("agent_started lacks agent_name", reject(noName, AgentEvent.AGENT_STARTED));
    nextTurn();
    String wrongStatus = own(AgentEvent.AGENT_STARTED).replace("\"started\"", "\"running\"");
    assertTrue(reject(wrongStatus, AgentEvent.AGENT_STARTED).contains("status 'running'"));
  }

  @Test
  void lateEventsBreachTheirTimeoutAndGaps() {
    clock.addAndGet(6_000); // agent_started timeout is 5000 ms in the embedded SLA
    assertTrue(reject(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED).contains("later than its timeout of 5000 ms"));
    nextTurn();
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    clock.addAndGet(2_500); // first thinking must come within 2000 ms of agent_started
    assertTrue(reject(own(AgentEvent.AGENT_THINKING), AgentEvent.AGENT_THINKING).contains("agent_thinking more than 2000 ms after agent_started"));
  }

  @Test
  void staleTimestampsBreachDeliveryLatency() {
    String frame = own(AgentEvent.AGENT_STARTED);
    clock.addAndGet(800);
    assertTrue(reject(frame, AgentEvent.AGENT_STARTED).contains("delivered more than 500 ms after its timestamp"));
  }

  /** A conversation whose injector was provably late by {@code proven} within any window, and at worst by {@code worst}. */
  private Conversation withInjector(AtomicLong proven, AtomicLong worst, List<Long> windows, FrameTally tally) {
    Conversation c = new Conversation("user-1", SlaSpec.load("embedded"), io.chatload.config.MessageStyle.CONTRACT, clock::get,
        InjectorLateness.of(window -> {
          windows.add(window);
          return Math.min(window, proven.get());
        }, worst::get), tally);
    c.beginTurn("hello");
    thread = c.threadId();
    return c;
  }

  @Test
  void lateDeliveryTheLoopThatReadItProvablyExplainsIsNoKoButExcusedOnce() {
    AtomicLong proven = new AtomicLong(350);
    List<Long> windows = new java.util.ArrayList<>();
    FrameTally tally = new FrameTally();
    conversation = withInjector(proven, new AtomicLong(350), windows, tally);
    String frame = own(AgentEvent.AGENT_STARTED);
    clock.addAndGet(800);
    accept(frame, AgentEvent.AGENT_STARTED); // 800 - 350 = 450 ms is the platform's: within 500
    assertEquals(List.of(800L), windows, "asked about the span since the frame's own timestamp, not since the message");
    assertEquals(1, tally.counts().excused());
    assertEquals(1, tally.counts().judged());

    proven.set(250); // 800 - 250 = 550 ms is the platform's: a KO that names the injector's part
    String thinking = own(AgentEvent.AGENT_THINKING);
    clock.addAndGet(800);
    assertEquals("agent_thinking delivered more than 500 ms after its timestamp", reject(thinking, AgentEvent.AGENT_THINKING));
    assertEquals("delivered 800 ms after it (250 ms of that with the event loop that read it behind its schedule)",
        conversation.breachOf(thinking).detail());
    assertEquals(1, tally.counts().excused(), "a KO is not excused");
    assertEquals(java.util.Map.of("agent_thinking", 1L), tally.counts().explainableKos(),
        "300 ms beyond the limit, and the injector was once 350 ms behind: a KO it could explain");
  }

  @Test
  void aFrameThatBreaksThreeLimitsOnTheInjectorsLatenessIsExcusedOnce() {
    FrameTally tally = new FrameTally();
    conversation = withInjector(new AtomicLong(10_000), new AtomicLong(10_000), new java.util.ArrayList<>(), tally);
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    String thinking = own(AgentEvent.AGENT_THINKING); // stamped now, read 2,500 ms later: timeout, gap and delivery all broken
    clock.addAndGet(5_500);
    accept(thinking, AgentEvent.AGENT_THINKING);
    assertEquals(1, tally.counts().excused());
    assertEquals(2, tally.counts().judged());
  }

  @Test
  void aSlowPlatformIsNotExcusedByLatenessFromBeforeItSentTheFrame() {
    // the loop was late for 3 s in all since the message, but the frame was stamped 200 ms ago: only
    // what the loop was behind in those 200 ms can have held it up
    List<Long> windows = new java.util.ArrayList<>();
    FrameTally tally = new FrameTally();
    conversation = withInjector(new AtomicLong(3_000), new AtomicLong(3_000), windows, tally);
    clock.addAndGet(6_000); // agent_started 6,000 ms after the message: timeout 5,000 ms
    String started = own(AgentEvent.AGENT_STARTED);
    clock.addAndGet(200);
    assertEquals("agent_started later than its timeout of 5000 ms", reject(started, AgentEvent.AGENT_STARTED));
    assertEquals(List.of(200L), windows);
    assertEquals(0, tally.counts().excused());
    assertEquals(java.util.Map.of(), tally.counts().explainableKos(),
        "1,200 ms beyond the timeout, but the injector can have held the frame 200 ms at most: the platform's breach");
  }

  @Test
  void framesBetweenTurnsAreReviewed() {
    accept(own(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED);
    List<Breach> problems = conversation.reviewBetweenTurns(List.of(
        "{\"type\":\"heartbeat\"}",
        own(AgentEvent.AGENT_THINKING),
        event(AgentEvent.TOOL_EXECUTING, "user-7", "thread_7", "run-7"),
        "garbage"));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).kind().startsWith("cross-user leak"), problems.toString());
    assertTrue(problems.get(1).kind().startsWith("malformed frame between turns"), problems.toString());
  }

  @Test
  void onlyTheReviewBeforeTheFirstTurnIsTheUsersFirst() {
    Conversation fresh = new Conversation("user-1", SlaSpec.load("embedded"));
    assertTrue(fresh.beforeFirstTurn(), "the isolation OK is recorded once per user, at this review");
    fresh.beginTurn("hello");
    assertFalse(fresh.beforeFirstTurn());
  }

  @Test
  void aCheckOfAFrameItsMatchingDidNotTakeIsABreach() {
    String frame = own(AgentEvent.AGENT_STARTED);
    accept(frame, AgentEvent.AGENT_STARTED);
    assertEquals("frame was not judged before its check", conversation.problemOf(new String(frame)));
    assertNull(conversation.problemOf(frame));
  }

  @Test
  void theWelcomeIsCheckedForItsUser() {
    String welcome = "{\"type\":\"system_message\",\"data\":{\"event\":\"connection_established\",\"connection_ready\":true,"
        + "\"connection_id\":\"ws_conn_1\",\"user_id\":\"user-1\",\"server_time\":1.0},\"timestamp\":1.0}";
    assertTrue(conversation.consumesWelcome(welcome));
    assertNull(conversation.problemOf(welcome));
    String other = welcome.replace("\"user-1\"", "\"user-2\"");
    assertTrue(conversation.consumesWelcome(other));
    assertTrue(conversation.problemOf(other).startsWith("cross-user leak"));
    assertTrue(conversation.consumesWelcome("{\"type\":\"connection_established\",\"data\":{\"user_id\":\"user-1\"}}"));
    assertFalse(conversation.consumesWelcome("{\"type\":\"heartbeat\"}"));
  }

  @Test
  void theUserMessageFollowsTheContract() throws Exception {
    var msg = Json.MAPPER.readTree(conversation.beginTurn("say \"hi\""));
    assertEquals("user_message", msg.get("type").asText());
    assertEquals("say \"hi\"", msg.at("/payload/content").asText());
    assertEquals(conversation.threadId(), msg.at("/payload/thread_id").asText());
    assertTrue(msg.get("timestamp").isNumber());
  }

  @Test
  void theUserMessageIsValidJsonWhateverThePromptHoldsAndCarriesTheSendTime() throws Exception {
    clock.set(1_764_089_123_045L);
    String prompt = "line one\nline \"two\"\t\\ back\u0001slash — café 🚀 </script>";
    var msg = Json.MAPPER.readTree(conversation.beginTurn(prompt));
    assertEquals(prompt, msg.at("/payload/content").asText());
    assertEquals(1_764_089_123.045, msg.get("timestamp").asDouble(), 1e-9);
    String thread = msg.get("thread_id").asText();
    assertTrue(thread.matches("thread_[0-9a-f]{32}"), thread);
    assertTrue(msg.get("message_id").asText().matches("msg_[0-9a-f]{32}"), msg.get("message_id").asText());
    var next = Json.MAPPER.readTree(conversation.beginTurn(prompt));
    assertNotEquals(thread, next.get("thread_id").asText(), "every turn on a fresh thread");
    assertNotEquals(msg.get("message_id").asText(), next.get("message_id").asText());
  }

  @Test
  void theRestOfThePreflightsRunOnTheSameAccountIsNotALeak() {
    // the pre-flight ran thread_pre / run-pre as user-1 and closed before the run ended; the platform delivers the rest here
    conversation.rememberEarlierTurn(new Conversation.EarlierTurn("user-1", java.util.Set.of("thread_pre"), java.util.Set.of("run-pre")));
    assertFalse(conversation.consumes(event(AgentEvent.TOOL_COMPLETED, "user-1", "thread_pre", "run-pre"), AgentEvent.AGENT_STARTED));
    assertEquals(List.of(), conversation.reviewBetweenTurns(List.of(event(AgentEvent.AGENT_COMPLETED, "user-1", "thread_pre", "run-pre"))));
    // a run the pre-flight never had is still a leak
    assertTrue(reject(event(AgentEvent.AGENT_STARTED, "user-1", "thread_other", "run-other"), AgentEvent.AGENT_STARTED).startsWith("cross-user leak"));
  }
}
