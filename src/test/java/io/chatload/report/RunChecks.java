package io.chatload.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verdicts over the run's timeline, which Gatling assertions cannot express: drift (the latency at
 * the end against the start) and capacity (the last load step that held its SLA).
 */
public final class RunChecks {
  private RunChecks() {}

  /**
   * The p95 over a window of buckets: each bucket's distribution is approximated by its own
   * percentiles, weighted by its responses, and the mixture's 95th percentile is taken.
   */
  static double windowP95(List<RunResults.Bucket> buckets) {
    List<double[]> points = new ArrayList<>(); // {value, weight}
    double total = 0;
    for (RunResults.Bucket b : buckets) {
      if (b.oks() == 0 || !hasPercentiles(b)) {
        continue; // percentiles are bucketed by send time, counts by answer time: a bucket may have only counts
      }
      // the bucket's mass split at its p50, p95 and p99
      points.add(new double[] {b.p50(), b.oks() * 0.50});
      points.add(new double[] {b.p95(), b.oks() * 0.45});
      points.add(new double[] {b.p99(), b.oks() * 0.05});
      total += b.oks();
    }
    if (total == 0) {
      return Double.NaN;
    }
    points.sort((x, y) -> Double.compare(x[0], y[0]));
    double seen = 0;
    for (double[] p : points) {
      seen += p[1];
      if (seen >= 0.95 * total) {
        return p[0];
      }
    }
    return points.get(points.size() - 1)[0];
  }

  /** Whether any request of the bucket's second was sent then (Gatling gives percentiles by send time). */
  static boolean hasPercentiles(RunResults.Bucket b) {
    return b.p50() > 0 || b.p95() > 0 || b.p99() > 0;
  }

  /** Fewer responses than this in a tenth of the run make its p95 meaningless. */
  static final int MIN_RESPONSES_PER_TENTH = 20;

  /**
   * p95 of {@code request} in the last tenth of the window against the first tenth, within
   * {@code allowedPct}. A window too short to hold enough responses is reported as not judged
   * (other SLAs still see its failures).
   */
  public static SlaSummary.Check drift(String request, List<RunResults.Bucket> timeline, long fromMs, long toMs, double allowedPct) {
    long tenth = Math.max(1, (toMs - fromMs) / 10);
    List<RunResults.Bucket> firstTenth = between(timeline, fromMs, fromMs + tenth);
    List<RunResults.Bucket> lastTenth = between(timeline, toMs - tenth, toMs);
    String name = "drift of " + request + " p95 (last tenth vs first tenth)";
    long fewest = Math.min(oks(firstTenth), oks(lastTenth));
    if (fewest < MIN_RESPONSES_PER_TENTH) {
      return new SlaSummary.Check(name, true, String.format(Locale.ROOT,
          "not judged: %d %s responses in a tenth of the run, %d needed (hold longer)", fewest, request, MIN_RESPONSES_PER_TENTH));
    }
    double first = windowP95(firstTenth);
    double last = windowP95(lastTenth);
    double change = 100.0 * (last - first) / first;
    boolean ok = change <= allowedPct;
    return new SlaSummary.Check(name, ok, String.format(Locale.ROOT,
        "%.0f ms → %.0f ms (%+.1f %%, allowed +%.0f %%)", first, last, change, allowedPct));
  }

  /** One step of a capacity run: {@code users} concurrent users held from {@code fromMs} to {@code toMs}. */
  public record Step(int users, long fromMs, long toMs) {}

  /**
   * The last step whose p95 of {@code request} and error share stayed within the SLA; steps are
   * judged in order and the first that breaks ends the search.
   */
  public static SlaSummary.Check capacity(String request, List<RunResults.Bucket> timeline, List<Step> steps, double p95LimitMs, double maxErrorPct) {
    return capacity(request, timeline, steps, p95LimitMs, maxErrorPct, false);
  }

  /**
   * As above; {@code stoppedInLastStep}: the run was stopped in the last of {@code steps} because the
   * live step judge found it broke the SLA. That step is then not held, even if its hold window, read
   * afterwards from Gatling's coarser timeline, lands just within the limit: the run never got past it.
   */
  public static SlaSummary.Check capacity(String request, List<RunResults.Bucket> timeline, List<Step> steps, double p95LimitMs,
      double maxErrorPct, boolean stoppedInLastStep) {
    return capacity(request, LoadSteps.measure(timeline, steps, p95LimitMs, maxErrorPct, stoppedInLastStep), p95LimitMs, maxErrorPct);
  }

  /** As above, from the steps {@link LoadSteps#measure} judged: the capacity figure and the step table are one judgement. */
  public static SlaSummary.Check capacity(String request, List<SlaSummary.Step> measured, double p95LimitMs, double maxErrorPct) {
    int held = 0;
    StringBuilder detail = new StringBuilder();
    for (SlaSummary.Step step : measured) {
      boolean measuredOk = LoadSteps.withinSla(step.p95Ms(), step.errorPct(), p95LimitMs, maxErrorPct);
      detail.append(String.format(Locale.ROOT, "%s%d users: p95 %.0f ms, %.1f %% KO%s",
          detail.length() == 0 ? "" : "; ", step.users(), step.p95Ms() == null ? Double.NaN : step.p95Ms(), step.errorPct(),
          step.held() ? "" : measuredOk ? " (broke the SLA as the run watched it, and the run stopped there)" : " (breaks the SLA)"));
      if (!step.held()) {
        break;
      }
      held = step.users();
    }
    boolean everyStepHeld = held > 0 && held == measured.get(measured.size() - 1).users();
    String verdict = held == 0 ? "no step held the SLA"
        : everyStepHeld ? "capacity: at least " + held + " concurrent users (every step held; more -Dusers per step or -Dsteps finds where it breaks)"
        : "capacity: " + held + " concurrent users";
    return new SlaSummary.Check("capacity (last step within the " + request + " SLA)", held > 0, verdict + " — " + detail);
  }

  private static long oks(List<RunResults.Bucket> buckets) {
    return buckets.stream().mapToLong(RunResults.Bucket::oks).sum();
  }

  static List<RunResults.Bucket> between(List<RunResults.Bucket> timeline, long fromMs, long toMs) {
    List<RunResults.Bucket> out = new ArrayList<>();
    for (RunResults.Bucket b : timeline) {
      if (b.offsetMs() >= fromMs && b.offsetMs() < toMs) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * A request sent only when something happens during the run (a token refresh near its expiry),
   * judged from the results when it was sent: a Gatling assertion on a request that never ran fails.
   * Null when the request was not sent or has no threshold.
   */
  public static SlaSummary.Check ifSent(RunResults results, String request, io.chatload.sla.SlaSpec.Threshold t) {
    if (t == null) {
      return null;
    }
    var stats = results.request(request);
    if (stats.isEmpty()) {
      return null;
    }
    RunResults.RequestStats r = stats.get();
    List<String> breaches = new java.util.ArrayList<>();
    if (t.maxErrorPct() != null && r.errorPct() > t.maxErrorPct()) {
      breaches.add(String.format(java.util.Locale.ROOT, "%.1f %% failed (limit %.1f %%)", r.errorPct(), t.maxErrorPct()));
    }
    if (t.p95Ms() != null && r.p95() > t.p95Ms()) {
      breaches.add("p95 " + r.p95() + " ms (limit " + t.p95Ms() + " ms)");
    }
    if (t.p99Ms() != null && r.p99() > t.p99Ms()) {
      breaches.add("p99 " + r.p99() + " ms (limit " + t.p99Ms() + " ms)");
    }
    String figures = String.format(java.util.Locale.ROOT, "%d sent, %d KO, p95 %d ms", r.count(), r.ko(), r.p95());
    return new SlaSummary.Check(request + " SLA", breaches.isEmpty(), breaches.isEmpty() ? figures : figures + ": " + String.join(", ", breaches));
  }

  /** Chat messages one run exchanges at least: the user's message and the five agent events. */
  public static final int MESSAGES_PER_RUN = 6;

  /**
   * The seed's "> N messages per second under load": the best throughput of a load step that held
   * the SLA, in chat messages (runs/s × {@link #MESSAGES_PER_RUN}, a lower bound: extra thinking
   * and tool frames are not counted). When every step held but none offered that much, the figure
   * is not judged (a bigger load is needed), never held; when the SLA broke first, it failed.
   */
  public static SlaSummary.Check messagesPerSecUnderLoad(List<SlaSummary.Step> steps, double minPerSec) {
    String name = String.format(Locale.ROOT, "throughput under load ≥ %.0f messages/s at a step within the SLA", minPerSec);
    SlaSummary.Step best = null;
    for (SlaSummary.Step s : steps) {
      if (s.held() && (best == null || s.throughputPerSec() > best.throughputPerSec())) {
        best = s;
      }
    }
    double bestMessages = best == null ? 0 : best.throughputPerSec() * MESSAGES_PER_RUN;
    String figure = best == null ? "no step held the SLA"
        : String.format(Locale.ROOT, "%.0f messages/s (%.1f runs/s × %d) at %d users", bestMessages, best.throughputPerSec(), MESSAGES_PER_RUN, best.users());
    if (bestMessages >= minPerSec) {
      return new SlaSummary.Check(name, true, figure + ", SLA held");
    }
    if (steps.stream().anyMatch(s -> !s.held())) {
      return new SlaSummary.Check(name, false, "the SLA broke first: at most " + figure);
    }
    return new SlaSummary.Check(name, true, "not judged: every step held, but the load offered at most " + figure
        + " (more -Dusers per step reaches the figure)");
  }

  /**
   * The seed's "< N % permanent failures under stress": users whose journey (login → first
   * agent_completed) failed never completed a turn. Not judged when no journey was recorded.
   */
  public static SlaSummary.Check neverCompleted(RunResults results, String journey, double maxPct) {
    String name = String.format(Locale.ROOT, "permanent failures (users that never complete a turn) ≤ %s %%", SlaSentence.number(maxPct));
    var stats = results.request(journey);
    if (stats.isEmpty() || stats.get().count() == 0) {
      return new SlaSummary.Check(name, true, "not judged: no user reached the end of its first turn");
    }
    RunResults.RequestStats j = stats.get();
    double pct = 100.0 * j.ko() / j.count();
    return new SlaSummary.Check(name, pct <= maxPct,
        String.format(Locale.ROOT, "%d of %d users (%.1f %%) never completed a turn", j.ko(), j.count(), pct));
  }
}
