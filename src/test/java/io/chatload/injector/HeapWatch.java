package io.chatload.injector;

import io.chatload.report.SlaSummary;
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
public final class HeapWatch {
  /** Growth beyond this share of the warm-up figure is reported as a leak suspect. */
  static final double ALLOWED_GROWTH = 0.25;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "heap-watch");
    t.setDaemon(true);
    return t;
  });
  private volatile long afterWarmUp = -1;

  public void sampleAfter(Duration warmUp) {
    timer.schedule(() -> afterWarmUp = usedAfterGc(), warmUp.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes the end figure, prints both, and returns the verdict for the run summary. */
  public SlaSummary.Check report() {
    timer.shutdownNow();
    long end = usedAfterGc();
    String name = "injector heap growth after warm-up";
    if (afterWarmUp < 0) {
      String detail = String.format(Locale.ROOT, "%.1f MB at the end; the run ended before warm-up was over", end / 1e6);
      System.out.println("Injector heap: " + detail);
      return new SlaSummary.Check(name, true, detail);
    }
    double growth = (end - afterWarmUp) / (double) afterWarmUp;
    boolean ok = growth <= ALLOWED_GROWTH;
    String detail = String.format(Locale.ROOT, "%.1f MB after warm-up, %.1f MB at the end (%+.0f %%, allowed +%.0f %%)",
        afterWarmUp / 1e6, end / 1e6, growth * 100, ALLOWED_GROWTH * 100);
    System.out.println("Injector heap after full GC: " + detail + (ok ? "" : " — LEAK SUSPECTED"));
    return new SlaSummary.Check(name, ok, detail);
  }

  private long usedAfterGc() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
