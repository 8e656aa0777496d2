package io.chatload.reference.capacity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A bounded pool of agent workers with a FIFO queue in front, as a real agent platform has: a run
 * holds one slot from the moment it leaves the queue until its ticket is released; runs beyond the
 * free slots wait in arrival order; a run that finds the queue full is rejected. With a rate limit,
 * a run also needs a token of the provider's bucket to start. Thread-safe; plain Java: the caller
 * decides on which thread a granted run starts.
 */
public final class AgentSlots {
  /** What happened to a run's request for a slot. */
  public enum State { WAITING, RUNNING, REJECTED, RELEASED }

  /** Schedules a retry of the queue when the rate limit has no token yet. */
  @FunctionalInterface
  public interface Timer {
    void after(long delayNanos, Runnable task);
  }

  /** One run's claim on a slot; {@link #release()} is idempotent and safe in every state. */
  public final class Ticket {
    private final Runnable onSlot;
    private State state;

    private Ticket(Runnable onSlot) {
      this.onSlot = onSlot;
    }

    /** Frees the slot (running) or leaves the queue (waiting); nothing for a rejected or released run. */
    public void release() {
      AgentSlots.this.release(this);
    }

    public State state() {
      synchronized (AgentSlots.this) {
        return state;
      }
    }
  }

  /** A consistent view for {@code /health}. */
  public record Snapshot(int workers, int busy, int queued, long rejected, long started, long queuedEver) {}

  private final CapacityConfig config;
  private final LongSupplier nanoClock;
  private final Timer timer;
  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private final TokenBucket bucket;
  private int busy;
  private long rejected;
  private long started;
  private long queuedEver;
  private boolean retryScheduled;

  public AgentSlots(CapacityConfig config, LongSupplier nanoClock, Timer timer) {
    this.config = config;
    this.nanoClock = nanoClock;
    this.timer = timer;
    this.bucket = config.runsPerSecond() > 0 ? new TokenBucket(config.runsPerSecond(), nanoClock.getAsLong()) : null;
  }

  /**
   * Asks for a slot: {@code onSlot} runs (on the caller's thread, or later on the releasing one)
   * once the run holds a slot; a rejected run's {@code onSlot} never runs.
   */
  public Ticket admit(Runnable onSlot) {
    List<Runnable> grants;
    Ticket t;
    synchronized (this) {
      t = new Ticket(onSlot);
      if (waiting.size() >= config.queueLimit() && !canStartNow()) {
        t.state = State.REJECTED;
        rejected++;
        return t;
      }
      t.state = State.WAITING;
      waiting.addLast(t);
      grants = dispatch();
      if (t.state == State.WAITING) {
        queuedEver++;
      }
    }
    grants.forEach(Runnable::run);
    return t;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(config.workers(), busy, waiting.size(), rejected, started, queuedEver);
  }

  public CapacityConfig config() {
    return config;
  }

  private void release(Ticket t) {
    List<Runnable> grants;
    synchronized (this) {
      if (t.state == State.RUNNING) {
        busy--;
      } else if (t.state == State.WAITING) {
        waiting.remove(t);
      } else {
        return;
      }
      t.state = State.RELEASED;
      grants = dispatch();
    }
    grants.forEach(Runnable::run);
  }

  /** Whether a run arriving now would start without waiting. */
  private boolean canStartNow() {
    return waiting.isEmpty() && slotFree() && (bucket == null || bucket.available(nanoClock.getAsLong()));
  }

  private boolean slotFree() {
    return config.workers() == 0 || busy < config.workers();
  }

  /** Starts waiting runs in FIFO order while slots and tokens allow; returns their callbacks to run outside the lock. */
  private List<Runnable> dispatch() {
    List<Runnable> grants = new ArrayList<>(1);
    while (!waiting.isEmpty() && slotFree()) {
      if (bucket != null && !bucket.tryTake(nanoClock.getAsLong())) {
        scheduleRetry();
        break;
      }
      Ticket next = waiting.pollFirst();
      next.state = State.RUNNING;
      busy++;
      started++;
      grants.add(next.onSlot);
    }
    return grants;
  }

  private void scheduleRetry() {
    if (retryScheduled) {
      return;
    }
    retryScheduled = true;
    timer.after(bucket.nanosUntilToken(nanoClock.getAsLong()), () -> {
      List<Runnable> grants;
      synchronized (this) {
        retryScheduled = false;
        grants = dispatch();
      }
      grants.forEach(Runnable::run);
    });
  }
}
