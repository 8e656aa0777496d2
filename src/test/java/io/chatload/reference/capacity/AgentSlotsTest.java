package io.chatload.reference.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.reference.agent.AgentRunPlanner;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.agent.LatencyModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The queue model alone: slots, FIFO order, the queue limit, releases, the rate limit. */
class AgentSlotsTest {
  private final AtomicLong clock = new AtomicLong();
  private final List<Long> retries = new ArrayList<>();
  private final List<Runnable> retryTasks = new ArrayList<>();
  private final List<String> started = new ArrayList<>();

  private AgentSlots slots(int workers, int queueLimit, double perSecond) {
    return new AgentSlots(new CapacityConfig(workers, queueLimit, perSecond), clock::get, (delay, task) -> {
      retries.add(delay);
      retryTasks.add(task);
    });
  }

  private AgentSlots.Ticket admit(AgentSlots s, String name) {
    return s.admit(() -> started.add(name));
  }

  @Test
  void runsBeyondTheSlotsWaitAndStartInArrivalOrder() {
    AgentSlots s = slots(2, 10, 0);
    AgentSlots.Ticket a = admit(s, "a");
    AgentSlots.Ticket b = admit(s, "b");
    AgentSlots.Ticket c = admit(s, "c");
    AgentSlots.Ticket d = admit(s, "d");
    AgentSlots.Ticket e = admit(s, "e");
    assertEquals(List.of("a", "b"), started);
    assertEquals(AgentSlots.State.WAITING, c.state());
    assertEquals(new AgentSlots.Snapshot(2, 2, 3, 0, 2, 3), s.snapshot());
    b.release();
    assertEquals(List.of("a", "b", "c"), started);
    a.release();
    c.release();
    assertEquals(List.of("a", "b", "c", "d", "e"), started);
    d.release();
    e.release();
    assertEquals(0, s.snapshot().busy());
  }

  @Test
  void aFullQueueRejectsTheNewRunAndKeepsTheWaitingOnes() {
    AgentSlots s = slots(1, 2, 0);
    AgentSlots.Ticket a = admit(s, "a");
    admit(s, "b");
    admit(s, "c");
    AgentSlots.Ticket d = admit(s, "d");
    assertEquals(AgentSlots.State.REJECTED, d.state());
    assertEquals(1, s.snapshot().rejected());
    d.release(); // a rejected run's release changes nothing
    assertEquals(2, s.snapshot().queued());
    a.release();
    assertEquals(List.of("a", "b"), started);
    assertEquals(AgentSlots.State.WAITING, admit(s, "e").state(), "room again once the queue moved");
  }

  @Test
  void queueLimitZeroRejectsWhenEverySlotIsBusy() {
    AgentSlots s = slots(1, 0, 0);
    assertEquals(AgentSlots.State.RUNNING, admit(s, "a").state());
    assertEquals(AgentSlots.State.REJECTED, admit(s, "b").state());
  }

  /** Completed, agent_error, disconnect and a closed socket all end in the timeline's release(). */
  @Test
  void everyEndOfARunFreesItsSlotOnceAndAWaitingRunThatLeavesFreesItsPlace() {
    AgentSlots s = slots(1, 10, 0);
    AgentSlots.Ticket running = admit(s, "a");
    AgentSlots.Ticket leaves = admit(s, "b");
    admit(s, "c");
    leaves.release(); // its socket closed while it waited
    assertEquals(AgentSlots.State.RELEASED, leaves.state());
    assertEquals(1, s.snapshot().queued());
    running.release();
    running.release(); // idempotent: a second end (cancel after completion) frees nothing more
    assertEquals(List.of("a", "c"), started, "b left the queue and never starts");
    assertEquals(1, s.snapshot().busy());
  }

  @Test
  void aStalledRunKeepsItsSlotForTheHoldOthersReleaseAtOnce() {
    AgentRunPlanner stalling = new AgentRunPlanner(LatencyModel.random(), FaultPlan.parse("stall=1"), 1, 1L);
    AgentRunPlanner failing = new AgentRunPlanner(LatencyModel.random(), FaultPlan.parse("error=1"), 1, 1L);
    AgentRunPlanner dropping = new AgentRunPlanner(LatencyModel.random(), FaultPlan.parse("drop=agent_completed:1"), 1, 1L);
    AgentRunPlanner clean = new AgentRunPlanner(LatencyModel.random(), FaultPlan.parse(""), 1, 1L);
    assertEquals(Duration.ofSeconds(30), SlotRelease.holdAfterLastFrame(stalling.plan("u", "t", "hi")));
    assertEquals(Duration.ZERO, SlotRelease.holdAfterLastFrame(failing.plan("u", "t", "hi")));
    assertEquals(Duration.ZERO, SlotRelease.holdAfterLastFrame(dropping.plan("u", "t", "hi")));
    assertEquals(Duration.ZERO, SlotRelease.holdAfterLastFrame(clean.plan("u", "t", "hi")));
  }

  @Test
  void theRateLimitStartsRunsAsTokensArrive() {
    AgentSlots s = slots(0, 100, 2); // unlimited workers, 2 runs/s, burst 2
    admit(s, "a");
    admit(s, "b");
    admit(s, "c");
    assertEquals(List.of("a", "b"), started);
    assertEquals(1, retries.size());
    assertEquals(500_000_000L, retries.get(0), "the next token is due in 1/2 s");
    clock.addAndGet(500_000_000L);
    retryTasks.get(0).run();
    assertEquals(List.of("a", "b", "c"), started);
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new CapacityConfig(-1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new CapacityConfig(1, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new CapacityConfig(1, 1, -2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CapacityConfig(0, 5, 0));
    assertTrue(e.getMessage().contains("reference.queueLimit"), e.getMessage());
    assertTrue(!CapacityConfig.OFF.enabled());
  }
}
