package io.chatload.injector;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.chatload.report.SlaSummary;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The injector watching itself for the whole run, so that a run can tell its own overload from the
 * target's: the process CPU (each second, as a share of all cores) and the machine's, every GC pause
 * (from the JVM's GC notifications; concurrent cycles are not pauses), and how late a timer due every
 * 100 ms fired — lateness any cause shows (CPU taken by this or another process, a pause, swapping).
 * One daemon thread that sleeps between samples; started in {@code before()}, stopped in
 * {@code after()}. Judged by {@link InjectorVerdict}.
 */
public final class InjectorWatch {
  static final long TICK_MS = 100;
  private static final long TICKS_PER_SAMPLE = 1000 / TICK_MS;
  /** How the embedded reference target names its threads (ReferenceServer). */
  private static final String TARGET_THREADS = "reference-target";

  private final InjectorSettings settings;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final List<Double> hotThread = new ArrayList<>();
  private final Map<String, Integer> hottestNames = new HashMap<>();
  private Map<Long, Long> threadCpuAt = new HashMap<>();
  private final LongList lags = new LongList();
  private final LongList gcPauses = new LongList();
  private final List<Double> cpu = new ArrayList<>();
  /** The process's CPU without the threads of a reference target embedded in this JVM. */
  private final List<Double> ownCpu = new ArrayList<>();
  private final List<Double> machine = new ArrayList<>();
  /** Per second, the GC pauses' total and the JIT compilers' time (ms): what held the loops up. */
  private final List<Double> gcMsPerSecond = new ArrayList<>();
  private final List<Double> jitMsPerSecond = new ArrayList<>();
  private long gcPauseMsSinceSample;
  private final java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
  private final List<Runnable> unsubscribe = new ArrayList<>();
  private final List<Thread> burners = new ArrayList<>();
  private volatile boolean running;
  private Thread thread;

  public InjectorWatch(InjectorSettings settings) {
    this.settings = settings;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    listenToGc();
    thread = new Thread(this::loop, "injector-watch");
    thread.setDaemon(true);
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
    for (int i = 0; i < settings.burnThreads(); i++) {
      Thread burner = new Thread(this::burn, "injector-watch-burn-" + i);
      burner.setDaemon(true);
      burner.start();
      burners.add(burner);
    }
  }

  /**
   * Stops watching and judges what was seen.
   *
   * @param lateFramesExcused frames the checks excused by the event loops' proven lateness (FrameTally)
   */
  public synchronized SlaSummary.Injector stop(long lateFramesExcused) {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    EventLoopLag.stop();
    unsubscribe.forEach(Runnable::run);
    unsubscribe.clear();
    synchronized (this) {
      String hottest = hottestNames.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
      return InjectorVerdict.judge(new InjectorVerdict.Samples(cores, toArray(cpu), toArray(machine), gcPauses.toArray(),
          lags.toArray(), toArray(hotThread), hottest, toArray(ownCpu), lateFramesExcused, toArray(gcMsPerSecond),
          toArray(jitMsPerSecond)), settings);
    }
  }

  private void loop() {
    long ticks = 0;
    long cpuAt = os.getProcessCpuTime();
    boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long jitAt = jitTimed ? jit.getTotalCompilationTime() : 0;
    long wallAt = System.nanoTime();
    while (running) {
      long before = System.nanoTime();
      try {
        Thread.sleep(TICK_MS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      // the later of this thread's own wake-up and Gatling's event loops: a busy loop leaves frames waiting
      long lateMs = Math.max(Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - before) - TICK_MS), EventLoopLag.takeMaxLateMs());
      synchronized (this) {
        lags.add(lateMs);
      }
      if (++ticks % TICKS_PER_SAMPLE == 0) {
        long cpuNow = os.getProcessCpuTime();
        double share = cpuNow < 0 || cpuAt < 0 ? 0 : 100.0 * (cpuNow - cpuAt) / ((double) (now - wallAt) * cores);
        double m = os.getCpuLoad();
        long targetNanos = sampleThreads(now - wallAt);
        double targetShare = 100.0 * targetNanos / ((double) (now - wallAt) * cores);
        long jitNow = jitTimed ? jit.getTotalCompilationTime() : 0;
        synchronized (this) {
          gcMsPerSecond.add((double) gcPauseMsSinceSample);
          gcPauseMsSinceSample = 0;
          jitMsPerSecond.add((double) (jitNow - jitAt));
          cpu.add(Math.min(100, Math.max(0, share)));
          ownCpu.add(Math.min(100, Math.max(0, share - targetShare)));
          if (m >= 0) {
            machine.add(100 * m);
          }
        }
        cpuAt = cpuNow;
        jitAt = jitNow;
        wallAt = now;
      }
    }
  }

  /**
   * The busiest thread of the last second, as a share of one core; its name counted for the summary.
   * Returns the CPU (ns) the threads of an embedded reference target used in that second.
   */
  private long sampleThreads(long wallNanos) {
    if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled() || wallNanos <= 0) {
      return 0;
    }
    long[] ids = threads.getAllThreadIds();
    long[] times = threads.getThreadCpuTime(ids);
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    Map<Long, Long> now = new HashMap<>(ids.length * 2);
    long best = 0;
    String bestName = null;
    long target = 0;
    for (int k = 0; k < ids.length; k++) {
      if (times[k] < 0) {
        continue;
      }
      now.put(ids[k], times[k]);
      Long before = threadCpuAt.get(ids[k]);
      if (before == null) {
        continue;
      }
      long used = times[k] - before;
      String name = infos[k] == null ? null : infos[k].getThreadName();
      if (name != null && name.startsWith(TARGET_THREADS)) {
        target += used;
      }
      if (used > best) {
        best = used;
        bestName = name;
      }
    }
    boolean first = threadCpuAt.isEmpty();
    threadCpuAt = now;
    if (first) {
      return 0;
    }
    String name = bestName == null ? null : bestName.replaceAll("-\\d+$", "-N");
    synchronized (this) {
      hotThread.add(Math.min(100, 100.0 * best / wallNanos));
      if (name != null) {
        hottestNames.merge(name, 1, Integer::sum);
      }
    }
    return target;
  }

  private void listenToGc() {
    NotificationListener listener = (Notification n, Object handback) -> {
      if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      if (isPause(info.getGcName())) {
        synchronized (this) {
          gcPauses.add(info.getGcInfo().getDuration());
          gcPauseMsSinceSample += info.getGcInfo().getDuration();
        }
      }
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        unsubscribe.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (javax.management.ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }
  }

  /**
   * Stop-the-world collections: G1's and Parallel's young and old, ZGC's and Shenandoah's "Pauses";
   * not their "Cycles" (concurrent, the application runs meanwhile).
   */
  static boolean isPause(String gcName) {
    return !gcName.contains("Cycles");
  }

  private void burn() {
    long x = 0;
    while (running) {
      x += System.nanoTime() % 7;
    }
    if (x == 42) {
      System.out.print("");
    }
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A growable list of longs without boxing (a 10-minute soak ticks 6,000 times). */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
