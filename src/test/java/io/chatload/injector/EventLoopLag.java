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
 * platform's: the frame checks take off only what this injector provably caused — how long the loop
 * that read the frame had been behind its schedule without a break, up to the read, and never from
 * before the platform could have sent the frame ({@link #thisLoopLateMsWithin}). The injector watch
 * samples the lateness ({@link #takeMaxLateMs}) as the lag of the event loops, and
 * {@link #worstLateMs} bounds how much of any figure the injector could have inflated.
 *
 * <p>One per JVM, as Gatling runs one simulation per JVM.
 */
public final class EventLoopLag {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** Probe runs remembered per loop: 6.4 s of ticks, longer than any delivery limit worth judging. */
  private static final int RING = 128;
  /**
   * A probe that ran this late or less found its loop free: the frame cannot have waited behind a
   * busy loop across it, so the stretch of lateness ends there.
   */
  static final long ON_TIME_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final List<Probe> PROBES = new CopyOnWriteArrayList<>();
  /** The probe of the loop running on this thread, set by the probe's own runs. */
  private static final ThreadLocal<Probe> THIS_LOOP = new ThreadLocal<>();
  private static final AtomicLong MAX_LATE_NANOS = new AtomicLong();
  private static final AtomicLong WORST_LATE_NANOS = new AtomicLong();
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
    PROBES.forEach(p -> p.stopped = true);
    PROBES.clear();
    MAX_LATE_NANOS.set(0);
    WORST_LATE_NANOS.set(0);
  }

  /**
   * How long the event loop running this code (the one that read the frame being judged) has been
   * behind its schedule without a break, up to now, within the last {@code windowMs} — the span in
   * which the frame could have been waiting in its socket (it cannot have waited before the platform
   * sent it). The stretch is the loop's pending probe if overdue, and the late spans of the probes
   * just before it, back to the last probe that ran on time: a loop that was free meanwhile read the
   * frame then, so lateness before that is never counted, and small delays over a long window do not
   * add up to slack. 0 on a thread that is not a probed loop.
   */
  public static long thisLoopLateMsWithin(long windowMs) {
    Probe p = THIS_LOOP.get();
    if (p == null || p.stopped || windowMs <= 0) {
      return 0;
    }
    long now = System.nanoTime();
    return TimeUnit.NANOSECONDS.toMillis(p.lateStretchWithin(now - TimeUnit.MILLISECONDS.toNanos(windowMs), now));
  }

  /**
   * The most any loop was behind its schedule at once since the run began (ms): the most the
   * injector's lateness can have added to any one figure, read when a breach asks whether the
   * injector could explain it.
   */
  public static long worstLateMs() {
    long now = System.nanoTime();
    long late = WORST_LATE_NANOS.get();
    for (Probe p : PROBES) {
      late = Math.max(late, p.overdue(now));
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
    volatile boolean stopped;
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
      if (!running || stopped) {
        return; // stopped: what is left of the run must not count in the next one's figures
      }
      if (THIS_LOOP.get() != this) {
        THIS_LOOP.set(this);
      }
      long l = Math.max(0, System.nanoTime() - dueNanos);
      int i = runs++ % RING;
      late.set(i, l);
      due.set(i, dueNanos);
      MAX_LATE_NANOS.accumulateAndGet(l, Math::max);
      WORST_LATE_NANOS.accumulateAndGet(l, Math::max);
      // Gatling shuts its loops down at the end of the run, possibly before after() stops the probes
      if (!loop.isShuttingDown()) {
        schedule();
      }
    }

    long overdue(long now) {
      return waiting ? Math.max(0, now - dueNanos) : 0;
    }

    /**
     * Nanoseconds within [since, now] of this loop's current stretch of lateness: the pending probe's
     * overdue span, then completed spans newest first while each probe ran late (more than
     * {@link #ON_TIME_NANOS}). Read on the loop's own thread, so the ring does not move meanwhile.
     */
    long lateStretchWithin(long since, long now) {
      long behind = waiting ? overlap(dueNanos, now, since, now) : 0;
      for (int k = 1; k <= Math.min(runs, RING); k++) {
        int i = Math.floorMod(runs - k, RING);
        long d = due.get(i);
        long l = late.get(i);
        if (l <= ON_TIME_NANOS || d + l <= since) {
          break;
        }
        behind += overlap(d, d + l, since, now);
      }
      return behind;
    }

    private static long overlap(long from, long to, long since, long now) {
      return Math.max(0, Math.min(to, now) - Math.max(from, since));
    }
  }
}
