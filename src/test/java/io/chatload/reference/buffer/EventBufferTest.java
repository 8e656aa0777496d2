package io.chatload.reference.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatload.reference.TargetCounters;
import io.chatload.reference.TargetCounters.Buffered;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The release's buffer rules, judged in-process (the socket side is in MessageBufferTest). */
class EventBufferTest {
  private final TargetCounters counters = new TargetCounters();

  private static EventBuffer.Held frame(String type, long at) {
    return new EventBuffer.Held(type, type.getBytes(), at);
  }

  private static List<String> types(List<EventBuffer.Held> held) {
    return held.stream().map(EventBuffer.Held::type).toList();
  }

  @Test
  void keepsInOrderAndDeliversOnce() {
    EventBuffer b = new EventBuffer(BufferConfig.DEFAULT, counters);
    Deque<EventBuffer.Held> q = new ArrayDeque<>();
    for (String t : List.of("agent_started", "agent_thinking", "tool_executing")) {
      assertEquals(EventBuffer.Outcome.KEPT, b.offer(q, frame(t, 0)));
    }
    assertEquals(3, b.held());
    assertEquals(List.of("agent_started", "agent_thinking", "tool_executing"), types(b.drain(q, 1)));
    assertEquals(List.of(), b.drain(q, 2));
    assertEquals(0, b.held());
    assertEquals(3, counters.buffered(Buffered.KEPT));
    assertEquals(3, counters.buffered(Buffered.DELIVERED));
  }

  @Test
  void aFullUserQueueEvictsItsOldestNonAgentFrameFirst() {
    EventBuffer b = new EventBuffer(new BufferConfig(true, 3, 1000, 120), counters);
    Deque<EventBuffer.Held> q = new ArrayDeque<>();
    b.offer(q, frame("agent_started", 0));
    b.offer(q, frame("agent_progress", 0));
    b.offer(q, frame("agent_thinking", 0));
    assertEquals(EventBuffer.Outcome.KEPT_EVICTING_OLDER, b.offer(q, frame("tool_executing", 0)));
    assertEquals(List.of("agent_started", "agent_thinking", "tool_executing"), types(List.copyOf(q)));
    // all agent events: the oldest goes, the release's last resort
    b.offer(q, frame("tool_completed", 0));
    assertEquals(List.of("agent_thinking", "tool_executing", "tool_completed"), types(List.copyOf(q)));
    assertEquals(2, counters.buffered(Buffered.DROPPED_USER_CAP));
    assertEquals(3, b.held());
  }

  @Test
  void theGlobalCapRefusesEvenAgentEvents() {
    EventBuffer b = new EventBuffer(new BufferConfig(true, 200, 2, 120), counters);
    Deque<EventBuffer.Held> alice = new ArrayDeque<>();
    Deque<EventBuffer.Held> bob = new ArrayDeque<>();
    b.offer(alice, frame("agent_started", 0));
    b.offer(bob, frame("agent_started", 0));
    assertEquals(EventBuffer.Outcome.REFUSED_GLOBAL_CAP, b.offer(alice, frame("agent_completed", 0)));
    assertEquals(1, counters.buffered(Buffered.DROPPED_GLOBAL_CAP));
    b.drain(bob, 1);
    assertEquals(EventBuffer.Outcome.KEPT, b.offer(alice, frame("agent_completed", 2)), "room again once bob's frames left");
  }

  @Test
  void framesPastTheirTimeAreNotDelivered() {
    EventBuffer b = new EventBuffer(new BufferConfig(true, 200, 1000, 1), counters);
    Deque<EventBuffer.Held> q = new ArrayDeque<>();
    b.offer(q, frame("agent_started", 0));
    b.offer(q, frame("agent_thinking", 900));
    assertEquals(List.of("agent_thinking"), types(b.drain(q, 1500)));
    assertEquals(1, counters.buffered(Buffered.EXPIRED));
    b.offer(q, frame("tool_executing", 2000));
    b.expire(q, 3001);
    assertEquals(0, b.held());
    assertEquals(2, counters.buffered(Buffered.EXPIRED));
  }

  @Test
  void badSizesNameTheProperty() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BufferConfig(true, 0, 1000, 120));
    assertEquals(true, e.getMessage().startsWith("reference.buffer.perUser=0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BufferConfig(true, 200, 0, 120));
    assertThrows(IllegalArgumentException.class, () -> new BufferConfig(true, 200, 1000, 0));
  }
}
