package io.chatload.reference.buffer;

import io.chatload.contract.AgentEvent;
import io.chatload.reference.TargetCounters;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffer's rules, as the release applies them ({@code WebSocketMessageBuffer.buffer_message}):
 * <ul>
 *   <li>a user's queue at its cap makes room by evicting its oldest frame that is not one of the five
 *       agent events ({@code never_drop_critical}); only when all are agent events the oldest goes;
 *   <li>with {@code global} frames held in all, a new frame is refused, agent event or not — the
 *       cap that load breaks;
 *   <li>frames older than {@code seconds} are not delivered (the release declares this timeout).
 * </ul>
 * Each user's queue is owned by the caller, which serialises access to it; the global count is shared.
 */
public final class EventBuffer {
  /** One frame kept for a user: its type, the encoded text, when it was kept. */
  public record Held(String type, byte[] frame, long atMillis) {
    boolean critical() {
      return AgentEvent.fromWireName(type).isPresent();
    }
  }

  /** What became of a frame offered to the buffer. */
  public enum Outcome { KEPT, KEPT_EVICTING_OLDER, REFUSED_GLOBAL_CAP }

  private final BufferConfig config;
  private final TargetCounters counters;
  private final AtomicInteger held = new AtomicInteger();

  public EventBuffer(BufferConfig config, TargetCounters counters) {
    this.config = config;
    this.counters = counters;
  }

  public BufferConfig config() {
    return config;
  }

  /** Keeps {@code frame} at the end of {@code queue} unless the global cap is reached. */
  public Outcome offer(Deque<Held> queue, Held frame) {
    if (!reserveGlobal()) {
      counters.buffered(TargetCounters.Buffered.DROPPED_GLOBAL_CAP, 1);
      return Outcome.REFUSED_GLOBAL_CAP;
    }
    Outcome outcome = Outcome.KEPT;
    if (queue.size() >= config.perUser()) {
      evictOne(queue);
      outcome = Outcome.KEPT_EVICTING_OLDER;
    }
    queue.addLast(frame);
    counters.buffered(TargetCounters.Buffered.KEPT, 1);
    return outcome;
  }

  /** Takes every frame of {@code queue} still within its time, oldest first; older ones are counted expired. */
  public List<Held> drain(Deque<Held> queue, long nowMillis) {
    List<Held> due = new ArrayList<>(queue.size());
    for (Held h; (h = queue.pollFirst()) != null; ) {
      held.decrementAndGet();
      if (isExpired(h, nowMillis)) {
        counters.buffered(TargetCounters.Buffered.EXPIRED, 1);
      } else {
        due.add(h);
      }
    }
    counters.buffered(TargetCounters.Buffered.DELIVERED, due.size());
    return due;
  }

  /** Drops the frames of {@code queue} that are past their time (for users who do not come back). */
  public void expire(Deque<Held> queue, long nowMillis) {
    for (Iterator<Held> it = queue.iterator(); it.hasNext(); ) {
      if (isExpired(it.next(), nowMillis)) {
        it.remove();
        held.decrementAndGet();
        counters.buffered(TargetCounters.Buffered.EXPIRED, 1);
      }
    }
  }

  private boolean isExpired(Held h, long nowMillis) {
    return nowMillis - h.atMillis() > config.seconds() * 1000L;
  }

  private boolean reserveGlobal() {
    for (int n = held.get(); n < config.global(); n = held.get()) {
      if (held.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** The oldest frame that is not an agent event, else the oldest (the release's last resort). */
  private void evictOne(Deque<Held> queue) {
    Iterator<Held> it = queue.iterator();
    while (it.hasNext()) {
      if (!it.next().critical()) {
        it.remove();
        held.decrementAndGet();
        counters.buffered(TargetCounters.Buffered.DROPPED_USER_CAP, 1);
        return;
      }
    }
    queue.pollFirst();
    held.decrementAndGet();
    counters.buffered(TargetCounters.Buffered.DROPPED_USER_CAP, 1);
  }

  /** Frames held now, across users. */
  public int held() {
    return held.get();
  }
}
