package io.chatload.injector;

import io.gatling.javaapi.core.ActionBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How late Gatling's event loops run what is due on them. A probe task on each loop, due every
 * 50 ms, notes how late it ran. A frame that reaches this JVM while its loop is busy waits in the
 * socket until the loop is free, and arrives at its check late by the injector's doing, not the
 * platform's: the delivery check subtracts the time the loop was behind its schedule during the
 * frame's wait ({@link #lateMsWithin}), and the injector watch samples the lateness
 * ({@link #takeMaxLateMs}) as the lag of the event loops.
 *
 * <p>One per JVM, as Gatling runs one simulation per JVM.
 */
public final class EventLoopLag {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** Probe runs remembered per loop: 6.4 s of ticks, longer than any delivery limit worth judging. */
  private static final int RING = 128;
  private static final List<Probe> PROBES = new CopyOnWriteArrayList<>();
  private static final AtomicLong MAX_LATE_NANOS = new AtomicLong();
  private static volatile boolean running;

  private EventLoopLag() {}

  /**
   * A step that does nothing at run time: when Gatling builds the scenario it hands over its event
   * loops, and the probes start on them. Put it first in every scenario that awaits frames.
   */
  public static ActionBuilder attach() {
    io.gatling.core.action.builder.ActionBuilder scala = (ctx, next) -> {
      start(ctx.coreComponents().eventLoopGroup());
      return next;
    };
    return () -> scala;
  }

  static synchronized void start(EventLoopGroup loops) {
    if (running) {
      return;
    }
    running = true;
    for (EventExecutor loop : loops) {
      Probe p = new Probe(loop);
      PROBES.add(p);
      p.schedule();
    }
  }

  /** Stops the probes (the run is over). */
  public static synchronized void stop() {
    running = false;
    PROBES.clear();
    MAX_LATE_NANOS.set(0);
  }

  /**
   * For how many of the last {@code windowMs} an event loop was verifiably behind its schedule: the
   * spans from each probe's due time to its run (a probe still waiting: to now), clipped to the
   * window and added up, for the loop where they add up to most. A sum, not the longest span: a
   * frame that arrives just after the loop began a busy round waits for that round and the next,
   * while each probe sees one. 0 when nothing is probed.
   */
  public static long lateMsWithin(long windowMs) {
    long now = System.nanoTime();
    long since = now - TimeUnit.MILLISECONDS.toNanos(windowMs);
    long late = 0;
    for (Probe p : PROBES) {
      late = Math.max(late, p.behindWithin(since, now));
    }
    return TimeUnit.NANOSECONDS.toMillis(late);
  }

  /** The most any loop was late since the last call (what is overdue now included), in ms. */
  public static long takeMaxLateMs() {
    long now = System.nanoTime();
    long late = MAX_LATE_NANOS.getAndSet(0);
    for (Probe p : PROBES) {
      late = Math.max(late, p.overdue(now));
    }
    return TimeUnit.NANOSECONDS.toMillis(late);
  }

  /** Whether probes run (a scenario attached them and the run is not over). */
  public static boolean isRunning() {
    return running && !PROBES.isEmpty();
  }

  /** One loop's probe: scheduled on the loop, so it runs only when the loop gets to it. */
  private static final class Probe implements Runnable {
    private final EventExecutor loop;
    private volatile long dueNanos;
    private volatile boolean waiting;
    // written by the loop's thread only; lateness first, then its due time, so a reader that sees
    // a recent due time sees a lateness at least as recent
    private final AtomicLongArray due = new AtomicLongArray(RING);
    private final AtomicLongArray late = new AtomicLongArray(RING);
    private int runs;

    Probe(EventExecutor loop) {
      this.loop = loop;
      for (int i = 0; i < RING; i++) {
        due.set(i, Long.MIN_VALUE);
      }
    }

    void schedule() {
      dueNanos = System.nanoTime() + TICK_NANOS;
      waiting = true;
      loop.schedule(this, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
      waiting = false;
      if (!running) {
        return; // stopped: what is left of the run must not count in the next one's figures
      }
      long l = Math.max(0, System.nanoTime() - dueNanos);
      int i = runs++ % RING;
      late.set(i, l);
      due.set(i, dueNanos);
      MAX_LATE_NANOS.accumulateAndGet(l, Math::max);
      // Gatling shuts its loops down at the end of the run, possibly before after() stops the probes
      if (!loop.isShuttingDown()) {
        schedule();
      }
    }

    long overdue(long now) {
      return waiting ? Math.max(0, now - dueNanos) : 0;
    }

    /** Nanoseconds within [since, now] this loop was behind its schedule (the probes' spans never overlap). */
    long behindWithin(long since, long now) {
      long pendingDue = dueNanos;
      boolean pending = waiting;
      long behind = pending ? overlap(pendingDue, now, since, now) : 0;
      for (int i = 0; i < RING; i++) {
        long d = due.get(i);
        // the pending probe may run while this reads: its span is then in the ring too, counted once
        if (d != Long.MIN_VALUE && !(pending && d == pendingDue)) {
          behind += overlap(d, d + late.get(i), since, now);
        }
      }
      return behind;
    }

    private static long overlap(long from, long to, long since, long now) {
      return Math.max(0, Math.min(to, now) - Math.max(from, since));
    }
  }
}
