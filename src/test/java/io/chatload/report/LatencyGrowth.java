package io.chatload.report;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's latency kept rising through a window — the signature of an open model whose
 * arrivals exceed what the target can finish, so its queue grows without bound. The slope is a
 * least-squares line through the median of the requests sent in each second.
 */
public final class LatencyGrowth {
  private LatencyGrowth() {}

  /**
   * ms of latency gained per second of the window, over the seconds in which requests were sent
   * (Gatling buckets percentiles by send time); NaN with fewer than two such seconds.
   */
  static double slopeMsPerSec(List<RunResults.Bucket> window) {
    double w = 0;
    double sx = 0;
    double sy = 0;
    int points = 0;
    for (RunResults.Bucket b : window) {
      if (RunChecks.hasPercentiles(b)) {
        w += 1;
        sx += b.offsetMs() / 1000.0;
        sy += b.p50();
        points++;
      }
    }
    if (points < 2) {
      return Double.NaN;
    }
    double mx = sx / w;
    double my = sy / w;
    double num = 0;
    double den = 0;
    for (RunResults.Bucket b : window) {
      if (RunChecks.hasPercentiles(b)) {
        double dx = b.offsetMs() / 1000.0 - mx;
        num += dx * (b.p50() - my);
        den += dx * dx;
      }
    }
    return den == 0 ? Double.NaN : num / den;
  }

  /**
   * Fails when {@code request}'s latency grew faster than {@code allowedMsPerSec} between {@code
   * fromMs} and {@code toMs}, saying why in the words an architect needs; {@code capacityNote}
   * (may be empty) adds the arrival rate against the target's capacity.
   */
  public static SlaSummary.Check check(String request, List<RunResults.Bucket> timeline, long fromMs, long toMs,
      double allowedMsPerSec, String capacityNote) {
    double slope = slopeMsPerSec(RunChecks.between(timeline, fromMs, toMs));
    String name = "latency growth of " + request + " during the hold (open model)";
    if (Double.isNaN(slope)) {
      return new SlaSummary.Check(name, true, "not judged: fewer than two seconds with responses in the hold");
    }
    boolean ok = slope <= allowedMsPerSec;
    String detail = ok
        ? String.format(Locale.ROOT, "latency changed %+.0f ms/s during the hold (allowed %.0f ms/s): arrivals within capacity", slope, allowedMsPerSec)
        : String.format(Locale.ROOT, "latency grew %.0f ms/s during the hold: arrivals exceed capacity (allowed %.0f ms/s)", slope, allowedMsPerSec);
    return new SlaSummary.Check(name, ok, capacityNote.isEmpty() ? detail : detail + "; " + capacityNote);
  }
}
