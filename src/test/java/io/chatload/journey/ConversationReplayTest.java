package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.sla.SlaSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verdicts on a run resumed on a new socket after its socket was lost, without sockets. */
class ConversationReplayTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private Conversation c;
  private String thread;

  @BeforeEach
  void startTurn() {
    c = new Conversation("user-1", SlaSpec.load("embedded/Reconnect"), clock::get);
    c.trackDuplicates();
    c.beginTurn("hello");
    thread = c.threadId();
  }

  /** A frame of this user's run stamped now (the platform's clock is the injector's here). */
  private String frame(AgentEvent type) {
    ObjectNode f = Json.MAPPER.createObjectNode();
    f.put("type", type.wireName());
    f.put("timestamp", clock.get() / 1000.0);
    ObjectNode d = f.putObject("data");
    d.put("run_id", "run-1");
    d.put("thread_id", thread);
    d.put("user_id", "user-1");
    ObjectNode meta = d.putObject("metadata");
    switch (type) {
      case AGENT_STARTED -> d.put("agent_name", "supervisor").put("status", "started");
      case AGENT_THINKING -> {
        d.put("reasoning", "looking at costs");
        meta.put("step_number", 1);
      }
      case TOOL_EXECUTING -> {
        d.put("tool_name", "analyze_costs").put("status", "executing");
        d.putObject("parameters").put("period", "7d");
      }
      case TOOL_COMPLETED -> d.put("tool_name", "analyze_costs").put("status", "completed").put("result", "spend up 40%");
      case AGENT_COMPLETED -> {
        d.put("agent_name", "supervisor").put("status", "completed").put("result", "Use a smaller model.");
        meta.put("execution_time_ms", 1200);
      }
    }
    return f.toString();
  }

  /** The frame offered to the check awaiting {@code expected}: whether it took it, and its verdict. */
  private String judge(String raw, AgentEvent expected) {
    return c.consumes(raw, expected) ? String.valueOf(c.problemOf(raw)) : "skipped";
  }

  /** started and thinking arrive, then the socket is lost for {@code awayMs} and the user reconnects. */
  private String loseAfterThinking(long awayMs) {
    clock.addAndGet(100);
    assertEquals("null", judge(frame(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED));
    clock.addAndGet(200);
    String thinking = frame(AgentEvent.AGENT_THINKING);
    assertEquals("null", judge(thinking, AgentEvent.AGENT_THINKING));
    c.socketLost(clock.get());
    clock.addAndGet(awayMs);
    c.resuming(clock.get());
    return thinking;
  }

  @Test
  void theRestArrivesAndIsJudgedOnThePlatformsPaceNotOnTheTimeAway() {
    clock.addAndGet(100);
    assertEquals("null", judge(frame(AgentEvent.AGENT_STARTED), AgentEvent.AGENT_STARTED));
    clock.addAndGet(200);
    assertEquals("null", judge(frame(AgentEvent.AGENT_THINKING), AgentEvent.AGENT_THINKING));
    c.socketLost(clock.get());
    clock.addAndGet(10_000);
    String executing = frame(AgentEvent.TOOL_EXECUTING); // kept by the platform while the user was away
    clock.addAndGet(10_000);
    c.resuming(clock.get());
    clock.addAndGet(30);
    assertEquals(AgentEvent.TOOL_EXECUTING, c.firstMissing());
    // 20 s after the message and 10 s after its own timestamp: the timeout (15 s) and delivery (500 ms) hold net of the time away
    assertEquals("null", judge(executing, AgentEvent.TOOL_EXECUTING));
    assertEquals(clock.get(), c.firstReplayedAt());
    clock.addAndGet(200);
    assertEquals("null", judge(frame(AgentEvent.TOOL_COMPLETED), AgentEvent.TOOL_COMPLETED));
    assertEquals("null", judge(frame(AgentEvent.AGENT_COMPLETED), AgentEvent.AGENT_COMPLETED));
    assertEquals(List.of(), c.lostEvents(true));
    assertEquals(List.of(), c.takeDuplicates());
  }

  @Test
  void aReplayThatIsItselfSlowIsStillLate() {
    loseAfterThinking(1_000);
    clock.addAndGet(16_000); // the resumed socket waits 16 s for tool_executing: beyond its 15 s timeout, time away excluded
    assertTrue(judge(frame(AgentEvent.TOOL_EXECUTING), AgentEvent.TOOL_EXECUTING).startsWith("tool_executing later than its timeout"));
  }

  @Test
  void anEventOfTheRunDeliveredAgainIsADuplicateNotTheEventAwaited() {
    String thinking = loseAfterThinking(1_000);
    assertEquals("skipped", judge(thinking, AgentEvent.TOOL_EXECUTING));
    List<Breach> dups = c.takeDuplicates();
    assertEquals(1, dups.size());
    assertEquals(Conversation.DUPLICATED + ": agent_thinking", dups.get(0).kind());
    // a second, different thinking frame is the contract's "more thinking", not a duplicate
    clock.addAndGet(5);
    assertEquals("skipped", judge(frame(AgentEvent.AGENT_THINKING), AgentEvent.TOOL_EXECUTING));
    assertEquals(List.of(), c.takeDuplicates());
  }

  @Test
  void theRunEndingWithoutAnEventShowsItLost() {
    loseAfterThinking(1_000);
    assertEquals("null", judge(frame(AgentEvent.TOOL_EXECUTING), AgentEvent.TOOL_EXECUTING));
    String verdict = judge(frame(AgentEvent.AGENT_COMPLETED), AgentEvent.TOOL_COMPLETED);
    assertEquals(Conversation.LOST + ": tool_completed", verdict);
    assertEquals(List.of(AgentEvent.TOOL_COMPLETED), c.lostEvents(false));
  }

  @Test
  void waitingItOutCountsEveryEventNotReceived() {
    loseAfterThinking(1_000);
    assertEquals(List.of(), c.lostEvents(false), "not known lost while the socket may still deliver");
    assertEquals(List.of(AgentEvent.TOOL_EXECUTING, AgentEvent.TOOL_COMPLETED, AgentEvent.AGENT_COMPLETED), c.lostEvents(true));
    assertEquals(0, c.firstReplayedAt(), "nothing replayed");
  }

  @Test
  void withoutAgentStartedNoRunIsKnownToResume() {
    c.socketLost(clock.get());
    assertNull(c.firstMissing());
  }

  @Test
  void theRemainingWaitIsWhatTheTurnHadLeftWhenTheSocketWasLost() {
    loseAfterThinking(5_000);
    assertEquals(30_000 - 300, c.remainingTurnMs(30_000));
    assertFalse(c.beforeFirstTurn());
    assertTrue(c.missing().contains(AgentEvent.AGENT_COMPLETED));
  }
}
