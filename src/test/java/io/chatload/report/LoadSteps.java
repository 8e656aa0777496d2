package io.chatload.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of each step of a stepped run (Stress) — users, runs finished per second, p95 of the
 * judged event, error share, whether it held — and where throughput stopped growing, each step
 * judged on its hold window after the ramp.
 */
public final class LoadSteps {
  /** A step whose throughput grew less than this over the previous one has reached the plateau. */
  public static final double MIN_GROWTH_PCT = 10;

  private LoadSteps() {}

  /** The figures of {@code request} in each step's window; p95 is null when the window had no OK response. */
  public static List<SlaSummary.Step> measure(List<RunResults.Bucket> timeline, List<RunChecks.Step> windows,
      double p95LimitMs, double maxErrorPct) {
    return measure(timeline, windows, p95LimitMs, maxErrorPct, false);
  }

  /**
   * As above; {@code stoppedInLastStep}: the live step judge stopped the run in the last window because
   * it broke the SLA, so that step is not held even where Gatling's coarser timeline, read afterwards,
   * lands just within the limit ({@link RunChecks#capacity} reads its figure from these steps).
   */
  public static List<SlaSummary.Step> measure(List<RunResults.Bucket> timeline, List<RunChecks.Step> windows,
      double p95LimitMs, double maxErrorPct, boolean stoppedInLastStep) {
    List<SlaSummary.Step> out = new ArrayList<>();
    for (int k = 0; k < windows.size(); k++) {
      RunChecks.Step w = windows.get(k);
      List<RunResults.Bucket> in = RunChecks.between(timeline, w.fromMs(), w.toMs());
      long oks = in.stream().mapToLong(RunResults.Bucket::oks).sum();
      long kos = in.stream().mapToLong(RunResults.Bucket::kos).sum();
      double seconds = Math.max(1, w.toMs() - w.fromMs()) / 1000.0;
      Double p95 = oks == 0 ? null : RunChecks.windowP95(in);
      double errorPct = oks + kos == 0 ? 100 : 100.0 * kos / (oks + kos);
      boolean stoppedHere = stoppedInLastStep && k == windows.size() - 1;
      boolean held = withinSla(p95, errorPct, p95LimitMs, maxErrorPct) && !stoppedHere;
      out.add(new SlaSummary.Step(w.users(), oks / seconds, p95, errorPct, held));
    }
    return out;
  }

  /** Whether a step's figures are within the SLA: it had OK responses, their p95 within the limit, its error share too. */
  static boolean withinSla(Double p95, double errorPct, double p95LimitMs, double maxErrorPct) {
    return p95 != null && p95 <= p95LimitMs && errorPct <= maxErrorPct;
  }

  /** The first step whose throughput grew less than {@link #MIN_GROWTH_PCT} over the previous step. */
  public static Optional<Integer> throughputStoppedAt(List<SlaSummary.Step> steps) {
    for (int k = 1; k < steps.size(); k++) {
      if (growthPct(steps, k) < MIN_GROWTH_PCT) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  static double growthPct(List<SlaSummary.Step> steps, int k) {
    double before = steps.get(k - 1).throughputPerSec();
    return before <= 0 ? Double.POSITIVE_INFINITY : 100.0 * (steps.get(k).throughputPerSec() - before) / before;
  }

  /** One sentence: where throughput stopped growing and at what rate it levelled off. */
  public static String plateau(List<SlaSummary.Step> steps) {
    Optional<Integer> k = throughputStoppedAt(steps);
    if (k.isEmpty()) {
      return String.format(Locale.ROOT, "throughput grew by %.0f %% or more at every step: no plateau reached", MIN_GROWTH_PCT);
    }
    SlaSummary.Step s = steps.get(k.get());
    double top = steps.stream().mapToDouble(SlaSummary.Step::throughputPerSec).max().orElse(0);
    return String.format(Locale.ROOT,
        "throughput stopped growing at %d users (%+.0f %% over %d users, under %.0f %%); plateau %.2f runs/s",
        s.users(), growthPct(steps, k.get()), steps.get(k.get() - 1).users(), MIN_GROWTH_PCT, top);
  }

  /** The steps as a fixed-width console table. */
  public static String table(String request, List<SlaSummary.Step> steps) {
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%8s %12s %10s %8s  %s%n", "users", "runs/s", "p95 ms", "KO %", request + " SLA"));
    for (SlaSummary.Step s : steps) {
      t.append(String.format(Locale.ROOT, "%8d %12.2f %10s %8.1f  %s%n", s.users(), s.throughputPerSec(),
          s.p95Ms() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.p95Ms()), s.errorPct(), s.held() ? "held" : "BROKEN"));
    }
    return t.toString();
  }

  /** The steps as a Markdown table (empty when the run had no steps). */
  public static String markdown(List<SlaSummary.Step> steps) {
    if (steps == null || steps.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n| users | runs/s | p95 agent_completed (ms) | error % | SLA |\n|---:|---:|---:|---:|---|\n");
    for (SlaSummary.Step s : steps) {
      md.append(String.format(Locale.ROOT, "| %d | %.2f | %s | %.1f | %s |%n", s.users(), s.throughputPerSec(),
          s.p95Ms() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.p95Ms()), s.errorPct(), s.held() ? "held" : "broken"));
    }
    return md.toString();
  }
}
