package io.chatload.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a run with an earlier one (the nightly pipeline's previous summary): p95, p99 and error
 * share per request. A p95 or p99 that grew beyond the tolerance, or an error share that grew, is a
 * regression even when the SLA still holds.
 */
public final class Trend {
  /** Changes under this many milliseconds are noise, whatever their percentage. */
  static final double NOISE_MS = 5;

  private Trend() {}

  public static List<SlaSummary.Delta> compare(SlaSummary baseline, List<RunResults.RequestStats> current, double tolerancePct) {
    List<SlaSummary.Delta> out = new ArrayList<>();
    for (RunResults.RequestStats now : current) {
      for (RunResults.RequestStats then : baseline.requests()) {
        if (!then.name().equals(now.name())) {
          continue;
        }
        out.add(latency(now.name(), "p95Ms", then.p95(), now.p95(), tolerancePct));
        out.add(latency(now.name(), "p99Ms", then.p99(), now.p99(), tolerancePct));
        double change = now.errorPct() - then.errorPct();
        out.add(new SlaSummary.Delta(now.name(), "errorPct", then.errorPct(), now.errorPct(), change, change > 0.0001));
      }
    }
    return out;
  }

  private static SlaSummary.Delta latency(String name, String metric, double then, double now, double tolerancePct) {
    double changePct = then == 0 ? (now == 0 ? 0 : 100) : 100.0 * (now - then) / then;
    boolean regression = now - then > NOISE_MS && changePct > tolerancePct;
    return new SlaSummary.Delta(name, metric, then, now, changePct, regression);
  }
}
