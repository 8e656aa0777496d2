package io.chatload.simulations;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The injector's heap after a full GC, once after warm-up and once at the end of the run: a leak in
 * the injector (or the embedded target) shows as growth between the two.
 */
final class HeapWatch {
  /** Growth beyond this share of the warm-up figure is reported as a leak suspect. */
  static final double ALLOWED_GROWTH = 0.25;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "heap-watch");
    t.setDaemon(true);
    return t;
  });
  private volatile long afterWarmUp = -1;

  void sampleAfter(Duration warmUp) {
    timer.schedule(() -> afterWarmUp = usedAfterGc(), warmUp.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Prints the two figures and the verdict; returns whether the growth stayed within bounds. */
  boolean report() {
    timer.shutdownNow();
    long end = usedAfterGc();
    if (afterWarmUp < 0) {
      System.out.printf(Locale.ROOT, "Injector heap: %.1f MB at the end (the run ended before warm-up was over)%n", end / 1e6);
      return true;
    }
    double growth = (end - afterWarmUp) / (double) afterWarmUp;
    boolean ok = growth <= ALLOWED_GROWTH;
    System.out.printf(Locale.ROOT, "Injector heap after full GC: %.1f MB after warm-up, %.1f MB at the end (%+.0f %%, allowed +%.0f %%): %s%n",
        afterWarmUp / 1e6, end / 1e6, growth * 100, ALLOWED_GROWTH * 100, ok ? "OK" : "LEAK SUSPECTED");
    return ok;
  }

  private long usedAfterGc() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
