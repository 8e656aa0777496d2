package io.chatload.injector;

import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Was the injector itself the bottleneck? Judged from its own samples only (plain values, so it
 * can be tested without a run): saturated when its process CPU stayed at or above the threshold
 * share of all cores for the threshold seconds in a row, or the p99 of its lateness (its event
 * loops', or a 100 ms timer's) reached the threshold (the injector could not run on time, whatever
 * took the CPU), or
 * one GC pause reached the threshold (every frame in flight during it is reported late by it).
 */
public final class InjectorVerdict {
  private InjectorVerdict() {}

  /** The machine's median CPU (every process) from which a healthy injector's verdict warns that the machine was busy. */
  public static final double MACHINE_BUSY_PCT = 90;
  /** How the contention reason ends: the case where the injector's figures are right but the co-located target's are not. */
  static final String STARVED = "a target on this machine was starved of CPU by the injector";
  /** Timer ticks (10 s) below which the lag's p99 is not judged: it would be the single worst tick. */
  public static final int MIN_TICKS_FOR_LAG = 100;

  /**
   * What the watch collected.
   *
   * @param cores the cores the JVM may use
   * @param processCpuPct the process's CPU per second of the run, as a share of all cores (0–100)
   * @param machineCpuPct the whole machine's CPU per second (0–100), or empty when not known
   * @param gcPausesMs every GC pause of the run (concurrent cycles excluded)
   * @param timerLagsMs per 100 ms tick, how late the event loops ran what was due on them (EventLoopLag),
   *     or a timer due every 100 ms fired, whichever was later
   * @param hotThreadPct per second, the CPU of the busiest thread as a share of one core (0–100): an
   *     event loop pegged at one core is saturated even when the process uses half of two cores
   * @param hotThread the name of the thread that was busiest most often, or null
   * @param injectorCpuPct per second, the injector's own CPU as a share of all cores: the process's
   *     without the threads of a reference target running in the same JVM
   * @param lateFramesExcused frames later than a limit of the contract (delivery, a gap, a timeout)
   *     only by the time the event loops were behind their schedule meanwhile (not KO: the injector's lateness)
   * @param gcPauseMsPerSecond per second, the GC pauses' total (ms); empty when not known
   * @param jitMsPerSecond per second, the JIT compilers' time (ms, summed over compiler threads); empty when not known
   */
  public record Samples(int cores, double[] processCpuPct, double[] machineCpuPct, long[] gcPausesMs, long[] timerLagsMs,
      double[] hotThreadPct, String hotThread, double[] injectorCpuPct, long lateFramesExcused, double[] gcPauseMsPerSecond,
      double[] jitMsPerSecond) {
    /** Samples without per-thread figures and with no late frame excused. */
    public Samples(int cores, double[] processCpuPct, double[] machineCpuPct, long[] gcPausesMs, long[] timerLagsMs) {
      this(cores, processCpuPct, machineCpuPct, gcPausesMs, timerLagsMs, new double[0], null, processCpuPct, 0);
    }

    /** Samples without the per-second GC and JIT figures. */
    public Samples(int cores, double[] processCpuPct, double[] machineCpuPct, long[] gcPausesMs, long[] timerLagsMs,
        double[] hotThreadPct, String hotThread, double[] injectorCpuPct, long lateFramesExcused) {
      this(cores, processCpuPct, machineCpuPct, gcPausesMs, timerLagsMs, hotThreadPct, hotThread, injectorCpuPct, lateFramesExcused,
          new double[0], new double[0]);
    }
  }

  /**
   * Ticks (10 s) at the start of a run whose lateness is not judged: class loading and the JIT compiling
   * the journey while the first users arrive make a light run's loops late once, which is start-up, not
   * saturation. Still counted in the figures' maximum, which bounds how much any figure may be inflated.
   */
  public static final int START_UP_TICKS = 100;
  /** How the lateness reason names other processes as its cause: then the injector is held up, not saturated. */
  static final String OTHERS = "other processes on the machine";

  public static SlaSummary.Injector judge(Samples s, InjectorSettings t) {
    double[] cpu = s.processCpuPct();
    long longest = longestRun(cpu.length, k -> cpu[k] >= t.cpuPct()).seconds();
    double[] hot = s.hotThreadPct();
    long threadLongest = longestRun(hot.length, k -> hot[k] >= t.cpuPct()).seconds();
    Span contended = longestContention(s, t);
    long gcTotal = Arrays.stream(s.gcPausesMs()).sum();
    long gcMax = Arrays.stream(s.gcPausesMs()).max().orElse(0);
    long[] judgedLags = s.timerLagsMs().length >= START_UP_TICKS + MIN_TICKS_FOR_LAG
        ? Arrays.copyOfRange(s.timerLagsMs(), START_UP_TICKS, s.timerLagsMs().length) : s.timerLagsMs();
    boolean startUpLeftOut = judgedLags.length < s.timerLagsMs().length;
    long lagP99 = percentile(judgedLags, 99);
    long lagMax = Arrays.stream(s.timerLagsMs()).max().orElse(0);
    List<String> reasons = new ArrayList<>();
    if (longest >= t.cpuSeconds()) {
      reasons.add(String.format(Locale.ROOT, "CPU at or above %.0f %% of %d cores for %d s in a row (threshold %d s)",
          t.cpuPct(), s.cores(), longest, t.cpuSeconds()));
    }
    if (threadLongest >= t.cpuSeconds() && longest < t.cpuSeconds()) {
      reasons.add(String.format(Locale.ROOT, "one thread (%s) at or above %.0f %% of a core for %d s in a row (threshold %d s)",
          s.hotThread() == null ? "unnamed" : s.hotThread(), t.cpuPct(), threadLongest, t.cpuSeconds()));
    }
    // a p99 of fewer than 100 ticks is the worst tick: one hiccup of a short run (JIT, the first GC) is no saturation
    if (lagP99 >= t.timerLagP99Ms() && judgedLags.length >= MIN_TICKS_FOR_LAG) {
      reasons.add(String.format(Locale.ROOT, "its event loops ran late by %d ms at p99%s (max %d ms; threshold %d ms), mostly while %s",
          lagP99, startUpLeftOut ? " after the first 10 s" : "", lagMax, t.timerLagP99Ms(),
          causeOfLateness(s, startUpLeftOut ? START_UP_TICKS : 0, t)));
    }
    if (gcMax >= t.gcPauseMs()) {
      reasons.add(String.format(Locale.ROOT, "a GC pause of %d ms (threshold %d ms; %d pauses, %d ms in all)",
          gcMax, t.gcPauseMs(), s.gcPausesMs().length, gcTotal));
    }
    if (contended.seconds() >= t.contendedSeconds() && longest < t.cpuSeconds()) {
      reasons.add(String.format(Locale.ROOT, "the machine's CPU was at or above %.0f %% for %d s in a row (seconds %d to %d of the run)"
              + " with this injector using half of it or more (threshold %d s): " + STARVED + " then",
          t.cpuPct(), contended.seconds(), contended.from(), contended.from() + contended.seconds(), t.contendedSeconds()));
    }
    Double machine = s.machineCpuPct().length == 0 ? null : round1(median(s.machineCpuPct()));
    SlaSummary.Injector i = new SlaSummary.Injector(s.cores(), cpu.length, round1(median(cpu)), round1(max(cpu)), longest, machine,
        s.gcPausesMs().length, gcTotal, gcMax, lagP99, lagMax, reasons.stream().anyMatch(r -> !r.contains(OTHERS)), List.copyOf(reasons),
        t.describe(), null,
        s.hotThreadPct().length == 0 ? null : round1(max(s.hotThreadPct())), threadLongest, s.hotThread(), s.lateFramesExcused());
    return i.withVerdict(headline(i));
  }

  /**
   * What held the event loops up, in words, from the seconds in which they were late by the
   * threshold or more: the injector's GC (pauses took half the lateness or more), its JIT compiler
   * (compiling 300 ms or more in that second), other processes on the machine (the machine at or
   * above the CPU threshold, this injector using less than half of it), else its own CPU — the one
   * named most often, with how many late ticks it explains.
   */
  static String causeOfLateness(Samples s, int fromTick, InjectorSettings t) {
    java.util.Map<String, Integer> causes = new java.util.LinkedHashMap<>();
    long[] lags = s.timerLagsMs();
    int late = 0;
    for (int k = fromTick; k < lags.length; k++) {
      if (lags[k] < t.timerLagP99Ms()) {
        continue;
      }
      late++;
      int sec = k / 10;
      String cause;
      if (at(s.gcPauseMsPerSecond(), sec) >= 0.5 * Math.min(lags[k], 1000)) {
        cause = "its GC paused it";
      } else if (at(s.jitMsPerSecond(), sec) >= 300) {
        cause = "its JIT compiler was busy";
      } else if (at(s.machineCpuPct(), sec) >= t.cpuPct() && at(s.injectorCpuPct(), sec) < at(s.machineCpuPct(), sec) / 2) {
        cause = OTHERS + " took the CPU";
      } else {
        cause = "its own work kept the CPU busy";
      }
      causes.merge(cause, 1, Integer::sum);
    }
    final int all = late;
    return causes.entrySet().stream().max(java.util.Map.Entry.comparingByValue())
        .map(e -> String.format(Locale.ROOT, "%s (%d of %d late ticks)", e.getKey(), e.getValue(), all))
        .orElse("no tick was late by the threshold");
  }

  private static double at(double[] perSecond, int sec) {
    return sec < perSecond.length ? perSecond[sec] : 0;
  }

  /**
   * The longest span of seconds in which the machine's CPU was at or above the threshold and this
   * injector's own CPU was at least half of it. On a machine it shares with the target (a laptop, a
   * small CI runner, the peer comparison) such a span starves the target, whose frames then leave
   * late: latency and delivery breaches the injector caused.
   */
  static Span longestContention(Samples s, InjectorSettings t) {
    double[] machine = s.machineCpuPct();
    double[] own = s.injectorCpuPct();
    return longestRun(Math.min(machine.length, own.length), k -> machine[k] >= t.cpuPct() && own[k] >= machine[k] / 2);
  }

  /** The longest run of consecutive seconds 0 … {@code n}−1 for which {@code holds} is true. */
  static Span longestRun(int n, IntPredicate holds) {
    int run = 0;
    Span best = new Span(0, 0);
    for (int k = 0; k < n; k++) {
      run = holds.test(k) ? run + 1 : 0;
      if (run > best.seconds()) {
        best = new Span(k - run + 1, run);
      }
    }
    return best;
  }

  /** Seconds {@code from} (since the watch began) for {@code seconds} in a row. */
  record Span(int from, int seconds) {}

  /** The figures in one sentence, with "saturated: why" or "not saturated" first. */
  public static String headline(SlaSummary.Injector i) {
    String figures = figures(i);
    if (i.saturated()) {
      return "Injector SATURATED: " + String.join("; ", i.reasons()) + ". " + figures;
    }
    if (!i.reasons().isEmpty()) {
      return "Injector not saturated, but held up by " + OTHERS + ": " + String.join("; ", i.reasons()) + ". " + figures;
    }
    String machine = i.machineCpuPctMedian() != null && i.machineCpuPctMedian() >= MACHINE_BUSY_PCT
        ? String.format(Locale.ROOT, " But the machine was busy (CPU median %.0f %% over every process): latencies include waiting for a core,"
            + " on the target's side or ours; a tail or a timeout here may be the machine's rather than the platform's.", i.machineCpuPctMedian())
        : "";
    return "Injector not saturated. " + figures + machine;
  }

  public static String figures(SlaSummary.Injector i) {
    return String.format(Locale.ROOT, "CPU median %.0f %% / max %.0f %% of %d cores%s%s; GC pauses %d ms in all, longest %d ms; "
            + "event loops late by %d ms at p99, %d ms at most (%d s watched).%s",
        i.cpuPctMedian(), i.cpuPctMax(), i.cores(),
        i.machineCpuPctMedian() == null ? "" : String.format(Locale.ROOT, " (machine median %.0f %%)", i.machineCpuPctMedian()),
        i.hotThreadPctMax() == null ? "" : String.format(Locale.ROOT, ", busiest thread up to %.0f %% of a core (%s)", i.hotThreadPctMax(),
            i.hotThread() == null ? "unnamed" : i.hotThread()),
        i.gcPauseTotalMs(), i.gcPauseMaxMs(), i.timerLagP99Ms(), i.timerLagMaxMs(), i.watchedSeconds(),
        i.lateFramesExcused() == 0 ? "" : String.format(Locale.ROOT, " %,d frame(s) arrived later than a limit of the contract (delivery,"
            + " a gap between events, a timeout) only by the time these event loops were behind their schedule meanwhile: the injector's"
            + " lateness, not counted as KO.", i.lateFramesExcused()));
  }

  /**
   * The verdict with the run's results: when saturated, which KOs and which tails the overload may
   * have caused — every KO kind of the run with its count, and the p99/max of the golden path's end
   * (agent_completed, journey) — so that they are not read as the platform's.
   */
  public static SlaSummary.Injector explain(SlaSummary.Injector i, List<RunResults.RequestStats> requests, Map<String, Integer> errors) {
    if (i == null || !i.saturated()) {
      return i;
    }
    StringBuilder v = new StringBuilder(headline(i));
    long kos = requests.stream().mapToLong(RunResults.RequestStats::ko).sum();
    if (i.reasons().stream().allMatch(r -> r.contains(STARVED))) {
      v.append(" The figures of this run are suspect: a target sharing the machine with this injector waited for a core, so it sent its"
          + " frames late because of the injector, not of itself. ");
    } else {
      v.append(" The figures of this run are suspect: an overloaded injector reads frames late, so it reports latencies the target did not cause");
      v.append(" and can time out waits the target answered in time. ");
    }
    if (kos > 0) {
      String kinds = errors.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
          .map(e -> "\"" + e.getKey() + "\" × " + e.getValue()).collect(Collectors.joining(", "));
      v.append(String.format(Locale.ROOT, "It may have caused some or all of the %d KO(s)%s. ", kos, kinds.isEmpty() ? "" : " (" + kinds + ")"));
    } else {
      v.append("There was no KO. ");
    }
    List<String> tails = requests.stream()
        .filter(r -> r.name().equals("agent_completed") || r.name().equals("journey") || r.name().equals("agent_started"))
        .sorted(Comparator.comparing(RunResults.RequestStats::name))
        .map(r -> String.format(Locale.ROOT, "%s p99 %d ms / max %d ms (p50 %d ms)", r.name(), r.p99(), r.max(), r.p50()))
        .toList();
    if (!tails.isEmpty()) {
      v.append("Tails it may have inflated: ").append(String.join(", ", tails)).append(". ");
    }
    v.append("Rerun with fewer users per injector, on an injector machine of its own, or over more injectors (docs/SCALING_OUT.md)"
        + " before blaming the platform.");
    return i.withVerdict(v.toString());
  }

  static long percentile(long[] values, double pct) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  private static double round1(double d) {
    return Math.round(d * 10) / 10.0;
  }
}
