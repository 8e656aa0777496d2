package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.config.MessageStyle;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import io.chatload.contract.Json;
import io.chatload.injector.InjectorLateness;
import io.chatload.sla.SlaSpec;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The frame reader on real-shaped frames of each dialect the platform has spoken (PROTOCOL.md's
 * dialect table, own values): a correct run passes whatever the dialect, what the dialect sends is
 * judged, and what it does not send is never held against it.
 */
class DialectFramesTest {
  private static final String USER = "7f3c2a91-user";
  private final AtomicLong clock = new AtomicLong(1_750_000_000_000L);
  private Conversation conversation;
  /** The run the conversation counts in: a fresh one per test. */
  private FrameTally tally;

  private void start(MessageStyle style) {
    tally = new FrameTally();
    conversation = new Conversation(USER, SlaSpec.load("embedded"), style, clock::get, InjectorLateness.NONE, tally);
    conversation.beginTurn("why did my costs go up?");
  }

  /** One event as the dialect writes it; thread is left out where the dialect has none. */
  static ObjectNode frame(Dialect d, AgentEvent e, String user, String thread, String run) {
    ObjectNode f = Json.MAPPER.createObjectNode();
    f.put("type", e.wireName());
    String iso = Instant.ofEpochMilli(1_750_000_000_000L).toString().replace("Z", "+00:00");
    switch (d) {
      case CONTRACT -> {
        f.put("timestamp", 1_750_000_000.0);
        ObjectNode data = f.putObject("data");
        data.put("run_id", run).put("thread_id", thread).put("user_id", user).put("timestamp", 1_750_000_000.0);
        contractDetail(e, data);
      }
      case PAYLOAD -> {
        f.put("run_id", run).put("agent_name", "triage").put("timestamp", iso);
        legacyDetail(e, f.putObject("payload"), true);
      }
      case BRIDGE -> {
        f.put("run_id", run).put("user_id", user).put("agent_name", "triage").put("timestamp", iso);
        if (e == AgentEvent.TOOL_EXECUTING || e == AgentEvent.TOOL_COMPLETED) {
          f.put("tool_name", "cost_report");
        }
        if (e == AgentEvent.TOOL_COMPLETED) {
          f.putObject("results").put("rows", 12);
        }
        legacyDetail(e, f.putObject("data"), false);
      }
      case CAPTURE -> {
        ObjectNode p = f.putObject("payload");
        p.put("run_id", run).put("agent_name", "triage").put("thread_id", thread).put("timestamp", 1_750_000_000.0279675);
        legacyDetail(e, p, true);
      }
      case FLAT -> {
        f.put("timestamp", 1_750_000_000.0).put("critical", true).put("user_id", user).put("thread_id", thread)
            .put("run_id", run).put("agent_name", "triage");
        ObjectNode meta = f.putObject("metadata");
        switch (e) {
          case AGENT_STARTED -> f.put("status", "started");
          case AGENT_THINKING -> {
            f.put("reasoning", "Comparing this week's spend with last week's.");
            meta.put("step_number", 1);
          }
          case TOOL_EXECUTING -> {
            f.put("tool_name", "cost_report").put("status", "executing");
            f.putObject("tool_args");
            f.putObject("parameters");
          }
          case TOOL_COMPLETED -> {
            f.put("tool_name", "cost_report").put("status", "completed").put("success", true).put("execution_time", 0.4);
            f.putObject("results").put("rows", 12);
          }
          case AGENT_COMPLETED -> {
            f.put("status", "completed").put("final_response", "Spend rose with the new batch job.");
            meta.put("execution_time_ms", 1800);
          }
        }
      }
    }
    return f;
  }

  private static void contractDetail(AgentEvent e, ObjectNode d) {
    ObjectNode meta = d.putObject("metadata");
    switch (e) {
      case AGENT_STARTED -> d.put("agent_name", "triage").put("status", "started");
      case AGENT_THINKING -> {
        d.put("reasoning", "Comparing this week's spend with last week's.");
        meta.put("step_number", 1);
      }
      case TOOL_EXECUTING -> {
        d.put("tool_name", "cost_report").put("status", "executing");
        d.putObject("parameters").put("period", "7d");
      }
      case TOOL_COMPLETED -> d.put("tool_name", "cost_report").put("status", "completed").put("result", "12 rows");
      case AGENT_COMPLETED -> {
        d.put("agent_name", "triage").put("status", "completed").put("result", "Spend rose with the new batch job.");
        meta.put("execution_time_ms", 1800);
      }
    }
  }

  /** payload (≤ beta-10) and bridge (beta-11+) detail objects; tool_name inside only for payload. */
  private static void legacyDetail(AgentEvent e, ObjectNode d, boolean toolNameInside) {
    switch (e) {
      case AGENT_STARTED -> {
        d.put("status", "started").put("message", "triage has started processing your request");
        d.putObject("context");
      }
      case AGENT_THINKING -> d.put("reasoning", "Comparing this week's spend with last week's.")
          .put("step_number", 1).put("progress_percentage", 20).put("status", "thinking");
      case TOOL_EXECUTING -> {
        if (toolNameInside) {
          d.put("tool_name", "cost_report");
        }
        d.putObject("parameters"); // the platform sends {} for a tool without parameters
        d.put("status", "executing");
      }
      case TOOL_COMPLETED -> {
        if (toolNameInside) {
          d.put("tool_name", "cost_report");
        }
        d.putObject("result").put("rows", 12);
        d.put("execution_time_ms", 400).put("status", "completed");
      }
      case AGENT_COMPLETED -> {
        d.put("status", "completed").put("execution_time_ms", 1800);
        d.putObject("result").put("answer", "Spend rose with the new batch job.");
      }
    }
  }

  private String own(Dialect d, AgentEvent e, String run) {
    return frame(d, e, USER, conversation.threadId(), run).toString();
  }

  private void accept(String frame, AgentEvent awaited) {
    assertTrue(conversation.consumes(frame, awaited), "should be taken by the " + awaited + " check");
    assertNull(conversation.problemOf(frame), () -> conversation.problemOf(frame) + " for " + frame);
  }

  private String reject(String frame, AgentEvent awaited) {
    assertTrue(conversation.consumes(frame, awaited), "a breach must be taken, never skipped");
    String problem = conversation.problemOf(frame);
    assertNotNull(problem, "a KO with a reason");
    return problem;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aCorrectRunPassesInEveryDialect(Dialect d) {
    start(MessageStyle.CONTRACT);
    for (AgentEvent e : AgentEvent.values()) {
      String f = own(d, e, "run_a1");
      assertEquals(d, Frame.parse(f).dialect(), "the reader recognises the dialect");
      accept(f, e);
    }
    assertEquals("run_a1", conversation.runId());
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"BRIDGE", "FLAT", "CONTRACT"})
  void anotherUsersEventIsALeakInEveryDialectThatNamesUsers(Dialect d) {
    start(MessageStyle.CONTRACT);
    accept(own(d, AgentEvent.AGENT_STARTED, "run_a1"), AgentEvent.AGENT_STARTED);
    String foreign = frame(d, AgentEvent.AGENT_THINKING, "someone-else", conversation.threadId(), "run_b7").toString();
    assertEquals("cross-user leak: agent_thinking of another user", reject(foreign, AgentEvent.AGENT_THINKING));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aFrameOfAnotherRunIsALeakAndAnEarlierRunOfThisUserIsStale(Dialect d) {
    start(MessageStyle.CONTRACT);
    accept(own(d, AgentEvent.AGENT_STARTED, "run_a1"), AgentEvent.AGENT_STARTED);
    conversation.beginTurn("and now?");
    accept(own(d, AgentEvent.AGENT_STARTED, "run_a2"), AgentEvent.AGENT_STARTED);
    // the rest of the first run, late: this user's own, not news (its thread is an earlier one too)
    ObjectNode late = frame(d, AgentEvent.AGENT_COMPLETED, USER, null, "run_a1");
    assertFalse(conversation.consumes(late.toString(), AgentEvent.AGENT_THINKING));
    String stranger = own(d, AgentEvent.AGENT_THINKING, "run_zz");
    assertEquals("cross-user leak: agent_thinking of another run", reject(stranger, AgentEvent.AGENT_THINKING));
  }

  @Test
  void theIdentityFieldsADialectDoesNotSendAreNeverRequired() {
    start(MessageStyle.CONTRACT);
    ObjectNode started = frame(Dialect.PAYLOAD, AgentEvent.AGENT_STARTED, USER, null, "run_a1");
    assertFalse(started.toString().contains("user_id") || started.toString().contains("thread_id"));
    accept(started.toString(), AgentEvent.AGENT_STARTED);
    ObjectNode noRun = frame(Dialect.PAYLOAD, AgentEvent.AGENT_THINKING, USER, null, "run_a1");
    noRun.remove("run_id");
    assertEquals("agent_thinking without run_id", reject(noRun.toString(), AgentEvent.AGENT_THINKING));
  }

  @Test
  void requiredContentIsFoundWhereverTheDialectPutsIt() {
    start(MessageStyle.CONTRACT);
    accept(own(Dialect.BRIDGE, AgentEvent.AGENT_STARTED, "run_a1"), AgentEvent.AGENT_STARTED);
    accept(own(Dialect.BRIDGE, AgentEvent.AGENT_THINKING, "run_a1"), AgentEvent.AGENT_THINKING);
    ObjectNode noTool = frame(Dialect.BRIDGE, AgentEvent.TOOL_EXECUTING, USER, null, "run_a1");
    noTool.remove("tool_name");
    assertEquals("tool_executing lacks tool_name", reject(noTool.toString(), AgentEvent.TOOL_EXECUTING));

    start(MessageStyle.CONTRACT);
    for (AgentEvent e : new AgentEvent[] {AgentEvent.AGENT_STARTED, AgentEvent.AGENT_THINKING, AgentEvent.TOOL_EXECUTING, AgentEvent.TOOL_COMPLETED}) {
      accept(own(Dialect.FLAT, e, "run_a1"), e);
    }
    ObjectNode emptyAnswer = frame(Dialect.FLAT, AgentEvent.AGENT_COMPLETED, USER, conversation.threadId(), "run_a1");
    emptyAnswer.put("final_response", " ");
    assertEquals("agent_completed lacks result or final_response", reject(emptyAnswer.toString(), AgentEvent.AGENT_COMPLETED));

    start(MessageStyle.CONTRACT);
    for (AgentEvent e : new AgentEvent[] {AgentEvent.AGENT_STARTED, AgentEvent.AGENT_THINKING, AgentEvent.TOOL_EXECUTING, AgentEvent.TOOL_COMPLETED}) {
      accept(own(Dialect.BRIDGE, e, "run_a1"), e);
    }
    ObjectNode emptyResult = frame(Dialect.BRIDGE, AgentEvent.AGENT_COMPLETED, USER, null, "run_a1");
    ((ObjectNode) emptyResult.get("data")).putObject("result");
    assertEquals("agent_completed lacks result or final_response", reject(emptyResult.toString(), AgentEvent.AGENT_COMPLETED));
  }

  @Test
  void aWrongStatusIsAKoWhereverItStands() {
    start(MessageStyle.CONTRACT);
    ObjectNode f = frame(Dialect.BRIDGE, AgentEvent.AGENT_STARTED, USER, null, "run_a1");
    ((ObjectNode) f.get("data")).put("status", "error");
    assertEquals("agent_started has status 'error', expected 'started'", reject(f.toString(), AgentEvent.AGENT_STARTED));
  }

  @Test
  void aTypeNoDialectSendsIsAKoThatNamesIt() {
    start(MessageStyle.CONTRACT);
    accept(own(Dialect.FLAT, AgentEvent.AGENT_STARTED, "run_a1"), AgentEvent.AGENT_STARTED);
    ObjectNode reasoning = frame(Dialect.FLAT, AgentEvent.AGENT_THINKING, USER, conversation.threadId(), "run_a1");
    reasoning.put("type", "reasoning");
    assertEquals("unexpected frame type 'reasoning' while awaiting agent_thinking", reject(reasoning.toString(), AgentEvent.AGENT_THINKING));
  }

  @Test
  void isoTimestampsWithAnOffsetAreDeliveryTimed() {
    start(MessageStyle.CONTRACT);
    String f = own(Dialect.BRIDGE, AgentEvent.AGENT_STARTED, "run_a1");
    assertEquals(1_750_000_000_000L, Frame.parse(f).timestampMillis().getAsLong());
    clock.addAndGet(900);
    assertEquals("agent_started delivered more than 500 ms after its timestamp", reject(f, AgentEvent.AGENT_STARTED));
  }

  @Test
  void theBridgeWelcomeNamesTheUserTruncated() {
    start(MessageStyle.CONTRACT);
    String welcome = "{\"type\":\"connection_established\",\"data\":{\"mode\":\"main\",\"user_id\":\"7f3c2a91...\","
        + "\"connection_id\":\"conn_1\",\"golden_path_events\":[],\"features\":{},\"timestamp\":1.0}}";
    assertTrue(conversation.consumesWelcome(welcome));
    assertNull(conversation.problemOf(welcome), "a truncated user id is compared as a prefix; no connection_ready is fine");
    String other = welcome.replace("7f3c2a91...", "0000aaaa...");
    assertTrue(conversation.consumesWelcome(other));
    assertEquals("cross-user leak: the welcome names another user", conversation.problemOf(other));
  }

  @Test
  void aTokenRefusedAfterTheHandshakeIsNamed() {
    start(MessageStyle.CONTRACT);
    String refused = "{\"type\":\"error_message\",\"error_code\":\"AUTH_FAILED\",\"error_message\":\"Token expired\"}";
    assertTrue(conversation.consumesWelcome(refused));
    assertEquals("socket refused: error_message AUTH_FAILED instead of the welcome: Token expired", conversation.problemOf(refused));
  }

  /** What beta-15 ... beta-17's agent bridge reads (_handle_message_dict): type, content, user_id, thread_id at the top. */
  @Test
  void runAgentMessagesCarryWhatTheBridgeReadsAtTheTopLevel() throws Exception {
    conversation = new Conversation(USER, SlaSpec.load("embedded"), MessageStyle.RUN_AGENT, clock::get);
    JsonNode first = Json.MAPPER.readTree(conversation.beginTurn("why \"this\"?"));
    assertEquals(java.util.List.of("type", "content", "user_id", "thread_id"), iterable(first.fieldNames()));
    assertEquals("run_agent", first.get("type").asText());
    assertEquals("why \"this\"?", first.get("content").asText());
    assertEquals(USER, first.get("user_id").asText());
    String thread = first.get("thread_id").asText();
    assertEquals(conversation.threadId(), thread);
    accept(frame(Dialect.BRIDGE, AgentEvent.AGENT_STARTED, USER, null, "run_a1").toString(), AgentEvent.AGENT_STARTED);
    JsonNode second = Json.MAPPER.readTree(conversation.beginTurn("more"));
    assertTrue(!thread.equals(second.get("thread_id").asText()), "a fresh thread every turn, as the contract style");
    ObjectNode lateOfFirst = frame(Dialect.FLAT, AgentEvent.AGENT_COMPLETED, USER, thread, "run_a1");
    assertFalse(conversation.consumes(lateOfFirst.toString(), AgentEvent.AGENT_STARTED), "the first turn's thread is remembered");
  }

  private static java.util.List<String> iterable(java.util.Iterator<String> it) {
    java.util.List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void frontEndMessagesLetTheServerChooseTheThread() throws Exception {
    conversation = new Conversation(USER, SlaSpec.load("embedded"), MessageStyle.FRONTEND, clock::get);
    JsonNode first = Json.MAPPER.readTree(conversation.beginTurn("hello"));
    assertEquals("start_agent", first.get("type").asText());
    assertEquals("hello", first.at("/payload/user_request").asText());
    assertTrue(first.at("/payload/thread_id").isNull());
    assertFalse(first.has("timestamp") || first.has("message_id"), "only type and payload, as the front end");
    accept(frame(Dialect.FLAT, AgentEvent.AGENT_STARTED, USER, "thread_srv_1", "run_a1").toString(), AgentEvent.AGENT_STARTED);
    assertEquals("thread_srv_1", conversation.threadId(), "the server's thread is adopted, not a leak");
    JsonNode second = Json.MAPPER.readTree(conversation.beginTurn("more"));
    assertEquals("user_message", second.get("type").asText());
    assertEquals("thread_srv_1", second.at("/payload/thread_id").asText());
    accept(frame(Dialect.FLAT, AgentEvent.AGENT_STARTED, USER, "thread_srv_1", "run_a2").toString(), AgentEvent.AGENT_STARTED);
    String otherThread = frame(Dialect.FLAT, AgentEvent.AGENT_THINKING, USER, "thread_srv_9", "run_a2").toString();
    assertEquals("cross-user leak: agent_thinking of a thread this user never opened", reject(otherThread, AgentEvent.AGENT_THINKING));
  }

  /** The event staging captured (PROTOCOL.md, "A captured event"), verbatim. */
  private static final String CAPTURED = "{\"type\":\"agent_started\",\"payload\":{\"run_id\":"
      + "\"thread_thread_86db35a070e14921_run_1756905054017_54480004\",\"agent_name\":\"netra-assistant\","
      + "\"thread_id\":\"thread_86db35a070e14921\",\"timestamp\":1756905054.0279675}}";

  @Test
  void theCapturedEventIsReadWithItsTimestampInsidePayloadAndItsServerMadeThreadIsNoLeak() {
    clock.set(1_756_905_054_028L + 120);
    start(MessageStyle.CONTRACT);
    Frame f = Frame.parse(CAPTURED);
    assertEquals(Dialect.CAPTURE, f.dialect());
    assertEquals(1_756_905_054_028L, f.timestampMillis().getAsLong(), "float epoch seconds inside payload");
    assertFalse(f.timestampLacksOffset());
    String clientThread = conversation.threadId();
    accept(CAPTURED, AgentEvent.AGENT_STARTED);
    assertEquals("thread_86db35a070e14921", conversation.threadId(), "the server made the thread: adopted, not a leak");
    assertTrue(!clientThread.equals(conversation.threadId()));
    String run = "thread_thread_86db35a070e14921_run_1756905054017_54480004";
    ObjectNode thinking = frame(Dialect.CAPTURE, AgentEvent.AGENT_THINKING, USER, "thread_86db35a070e14921", run);
    ((ObjectNode) thinking.get("payload")).put("timestamp", 1_756_905_054.1);
    accept(thinking.toString(), AgentEvent.AGENT_THINKING);
    // another server-made thread, or another run, on this socket is still a leak
    ObjectNode foreign = frame(Dialect.CAPTURE, AgentEvent.TOOL_EXECUTING, USER, "thread_00aa", "thread_thread_00aa_run_1756905054000_00000001");
    assertEquals("cross-user leak: tool_executing of a thread this user never opened", reject(foreign.toString(), AgentEvent.TOOL_EXECUTING));
  }

  @Test
  void aCapturedEventDeliveredLateIsLate() {
    clock.set(1_756_905_054_028L + 900);
    start(MessageStyle.CONTRACT);
    assertEquals("agent_started delivered more than 500 ms after its timestamp", reject(CAPTURED, AgentEvent.AGENT_STARTED));
  }

  @Test
  void aThreadTheRunIdDoesNotNameIsStillALeak() {
    start(MessageStyle.CONTRACT);
    String started = frame(Dialect.CAPTURE, AgentEvent.AGENT_STARTED, USER, "thread_86db35a070e14921", "run_a1").toString();
    assertEquals("cross-user leak: agent_started of a thread this user never opened", reject(started, AgentEvent.AGENT_STARTED));
    start(MessageStyle.CONTRACT);
    accept(own(Dialect.CAPTURE, AgentEvent.AGENT_STARTED, "thread_" + conversation.threadId() + "_run_1_2"), AgentEvent.AGENT_STARTED);
    String second = frame(Dialect.CAPTURE, AgentEvent.AGENT_THINKING, USER, "thread_x1", "thread_thread_x1_run_1_2").toString();
    assertEquals("cross-user leak: agent_thinking of a thread this user never opened", reject(second, AgentEvent.AGENT_THINKING),
        "only the turn's own agent_started may name a thread of the server's making");
  }

  @Test
  void framesWithoutAUsableTimestampAreCountedAndNaiveOnesTakenAsUtc() {
    assertTrue(Frame.parse("{\"type\":\"agent_started\",\"payload\":{\"timestamp\":\"2025-09-17T08:40:26.5\"}}").timestampLacksOffset());
    assertFalse(Frame.parse("{\"type\":\"agent_started\",\"timestamp\":\"2025-09-17T08:40:26.5+00:00\"}").timestampLacksOffset());
    assertFalse(Frame.parse("{\"type\":\"agent_started\",\"timestamp\":\"2025-09-17T08:40:26Z\"}").timestampLacksOffset());
    assertEquals("12.5 % of the 8 agent events the delivery check judged (1) carried no usable timestamp and could not be judged"
        + " for late delivery; 2 timestamp(s) without an offset were taken as UTC", TimestampCoverage.sentence(8, 1, 2));
    assertEquals("every one of the 1,500 agent events the delivery check judged carried a usable timestamp; timestamps without"
        + " an offset are taken as UTC (none came)", TimestampCoverage.sentence(1500, 0, 0));
    start(MessageStyle.CONTRACT);
    ObjectNode started = frame(Dialect.BRIDGE, AgentEvent.AGENT_STARTED, USER, null, "run_a1");
    started.remove("timestamp");
    assertEquals("no agent event reached the delivery check; timestamps without an offset are taken as UTC (none came)",
        tally.timestampCoverage().sentence(), "a run counts its own frames only");
    accept(started.toString(), AgentEvent.AGENT_STARTED);
    assertEquals("100.0 % of the 1 agent events the delivery check judged (1) carried no usable timestamp and could not be judged"
        + " for late delivery; timestamps without an offset are taken as UTC (none came)", tally.timestampCoverage().sentence());
  }

  /** -Dtarget.sharedUser=true against a demo-mode deployment: every user is demo-user-001; run and thread still judged. */
  @Test
  void aSharedUserIsJudgedOnRunAndThreadOnly() {
    tally = new FrameTally();
    conversation = new Conversation(USER, SlaSpec.load("embedded"), MessageStyle.CONTRACT, clock::get, InjectorLateness.NONE, tally, true);
    conversation.beginTurn("hello");
    String welcome = "{\"type\":\"connection_established\",\"data\":{\"user_id\":\"demo-use...\"}}";
    assertTrue(conversation.consumesWelcome(welcome));
    assertNull(conversation.problemOf(welcome), "the welcome names the shared user");
    accept(frame(Dialect.FLAT, AgentEvent.AGENT_STARTED, "demo-user-001", conversation.threadId(), "run_a1").toString(), AgentEvent.AGENT_STARTED);
    String otherRun = frame(Dialect.FLAT, AgentEvent.AGENT_THINKING, "demo-user-001", conversation.threadId(), "run_b2").toString();
    assertEquals("cross-user leak: agent_thinking of another run", reject(otherRun, AgentEvent.AGENT_THINKING));
    String otherThread = frame(Dialect.FLAT, AgentEvent.AGENT_THINKING, "demo-user-001", "thread_other", "run_a1").toString();
    assertEquals("cross-user leak: agent_thinking of a thread this user never opened", reject(otherThread, AgentEvent.AGENT_THINKING));
    String fields = tally.checkCoverage().identityFields(true);
    assertTrue(fields.startsWith("run_id + thread_id") && fields.contains("all users were one platform user"), fields);
    assertFalse(fields.contains("user_id +"), fields);
  }

  @Test
  void coverageNamesTheFieldsIsolationWasJudgedOn() {
    start(MessageStyle.CONTRACT);
    accept(own(Dialect.BRIDGE, AgentEvent.AGENT_STARTED, "run_a1"), AgentEvent.AGENT_STARTED);
    String fields = tally.checkCoverage().identityFields();
    assertEquals("run_id + user_id; the platform sends no thread_id", fields, "the one bridge frame of this run names no thread");
    assertEquals("bridge", tally.checkCoverage().dialects(), "a run names the dialects of its own frames only");
  }

  @Test
  void isoTimestampsAreReadAsJavaTimeReadsThem() {
    for (String iso : new String[] {"2025-09-17T08:40:26.123456+00:00", "2025-09-17T08:40:26Z", "2024-02-29T23:59:59.9-05:30",
        "2025-01-01T00:00:00.000+14:00", "2025-09-17T08:40:26.5"}) {
      boolean zoned = iso.endsWith("Z") || iso.charAt(iso.length() - 6) == '+' || iso.charAt(iso.length() - 6) == '-';
      long expected = java.time.OffsetDateTime.parse(zoned ? iso : iso + "Z").toInstant().toEpochMilli();
      assertEquals(expected, Frame.isoMillis(iso), iso);
    }
    assertEquals(Long.MIN_VALUE, Frame.isoMillis("yesterday at noon"));
    assertEquals(Long.MIN_VALUE, Frame.isoMillis("2025-13-17T08:40:26Z"));
    assertEquals(Long.MIN_VALUE, Frame.isoMillis("2025-02-30T08:40:26Z"));
    assertTrue(Frame.parse("{\"type\":\"agent_started\",\"timestamp\":\"2025-02-30T08:40:26Z\"}").timestampMillis().isEmpty(),
        "a date java.time refuses is no timestamp, not the last day of the month");
  }

  @Test
  void everyKeptFieldInEveryPlaceIsReadFromTheRightPlace() {
    // 23 fields in each of the six places a dialect puts them: the detail object's value wins, then
    // the top level's, then the detail's metadata, then the top-level metadata
    String[] places = {"top", "data", "payload", "meta", "dataMeta", "payloadMeta"};
    ObjectNode frame = Json.MAPPER.createObjectNode();
    ObjectNode data = frame.putObject("data");
    ObjectNode payload = frame.putObject("payload");
    ObjectNode meta = frame.putObject("metadata");
    ObjectNode dataMeta = data.putObject("metadata");
    ObjectNode payloadMeta = payload.putObject("metadata");
    ObjectNode[] at = {frame, data, payload, meta, dataMeta, payloadMeta};
    for (String field : Frame.keptFields()) {
      for (int i = 0; i < at.length; i++) {
        at[i].put(field, field + "@" + places[i]);
      }
    }
    frame.put("type", "agent_started");
    Frame f = Frame.parse(frame.toString());
    assertNull(f.problem());
    for (String field : Frame.keptFields()) {
      assertTrue(f.hasNonEmpty(field), field);
    }
    for (String field : new String[] {"run_id", "user_id", "thread_id", "timestamp", "status", "event", "agent_name", "tool_name",
        "error_code", "code", "error_message", "error", "message", "connection_ready"}) {
      assertEquals(field + "@data", f.text(field), field);
    }
    data.removeAll();
    data.put("run_id", "r");
    Frame noDetail = Frame.parse(frame.toString());
    assertEquals("user_id@top", noDetail.text("user_id"), "top level before metadata");
    frame.remove("user_id");
    assertEquals("user_id@meta", Frame.parse(frame.toString()).text("user_id"), "payload's metadata is not data's");
  }

  @Test
  void aRepeatedNameKeepsItsLastValue() {
    assertEquals("b", Frame.parse("{\"type\":\"agent_started\",\"data\":{\"run_id\":\"a\",\"run_id\":\"b\"}}").text("run_id"));
    assertNull(Frame.parse("{\"type\":\"agent_started\",\"run_id\":\"a\",\"run_id\":null}").text("run_id"));
  }
}
