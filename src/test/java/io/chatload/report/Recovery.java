package io.chatload.report;

import java.util.List;
import java.util.Locale;

/**
 * How a run came back from a spike: the worst p95 of a request during the spike (the excursion) and
 * the first window after it whose p95 is back under the SLA (the recovery), judged on fixed windows.
 */
public final class Recovery {
  private Recovery() {}

  /**
   * @param spikeFromMs when the spike's arrivals began (offset from the run's start)
   * @param spikeEndMs when they ended
   * @param endMs the end of the observation (the calm after)
   * @param windowMs length of each judged window
   */
  public static SlaSummary.Check check(String request, List<RunResults.Bucket> timeline, long spikeFromMs, long spikeEndMs,
      long endMs, long windowMs, double p95LimitMs) {
    String name = "recovery of " + request + " p95 after the spike (≤ " + Math.round(p95LimitMs) + " ms)";
    double peak = 0;
    for (long from = spikeFromMs; from < endMs; from += windowMs) {
      double p95 = RunChecks.windowP95(RunChecks.between(timeline, from, from + windowMs));
      if (!Double.isNaN(p95)) {
        peak = Math.max(peak, p95);
      }
    }
    if (peak <= p95LimitMs) {
      return new SlaSummary.Check(name, true, String.format(Locale.ROOT,
          "p95 peaked at %.0f ms, within the SLA: no excursion, time to recover: 0 s", peak));
    }
    for (long from = spikeEndMs; from + windowMs <= endMs; from += windowMs) {
      double p95 = RunChecks.windowP95(RunChecks.between(timeline, from, from + windowMs));
      if (!Double.isNaN(p95) && p95 <= p95LimitMs) {
        long seconds = Math.round((from + windowMs - spikeEndMs) / 1000.0);
        return new SlaSummary.Check(name, true, String.format(Locale.ROOT,
            "p95 peaked at %.0f ms; time to recover: %d s after the spike ended (first %.0f-s window back under the SLA: p95 %.0f ms)",
            peak, seconds, windowMs / 1000.0, p95));
      }
    }
    return new SlaSummary.Check(name, false, String.format(Locale.ROOT,
        "p95 peaked at %.0f ms and was not back under %.0f ms within the %.0f s after the spike: not recovered",
        peak, p95LimitMs, (endMs - spikeEndMs) / 1000.0));
  }
}
