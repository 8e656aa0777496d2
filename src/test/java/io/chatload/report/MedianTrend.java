package io.chatload.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * This run against the median of the runs before it. One noisy night moves a median of seven by
 * at most one rank, so neither a bad night before nor a lucky one makes tonight look regressed.
 * The rule per figure is {@link Trend}'s: p95 beyond the tolerance (and {@link Trend#NOISE_MS}),
 * or an error share above the median by more than {@link #ERROR_NOISE_PCT} points.
 */
public final class MedianTrend {
  /** Fewer earlier runs than this carrying a figure leave it unjudged: a median of two is one night. */
  public static final int MIN_RUNS = 3;
  /** An error share this many percentage points above the median is a regression. */
  static final double ERROR_NOISE_PCT = 0.1;

  private MedianTrend() {}

  /**
   * The view of {@code history} (oldest first) the page draws: the runs of {@code now}'s simulation
   * and target, at most {@code runs} of them with {@code now} last, and {@code now} against the
   * median of the {@code window} runs before it.
   */
  public static SlaSummary.History judge(String file, List<SlaSummary.HistoryRun> history, SlaSummary.HistoryRun now,
      int window, int runs, double tolerancePct) {
    List<SlaSummary.HistoryRun> earlier = history.stream()
        .filter(r -> r.simulation().equals(now.simulation()) && Objects.equals(r.target(), now.target()))
        .filter(r -> !Objects.equals(r.startedAt(), now.startedAt()))
        .toList();
    List<SlaSummary.HistoryRun> shown = new ArrayList<>(earlier.subList(Math.max(0, earlier.size() - (runs - 1)), earlier.size()));
    shown.add(now);
    List<SlaSummary.HistoryRun> previous = earlier.subList(Math.max(0, earlier.size() - window), earlier.size());
    return new SlaSummary.History(file, window, shown, compare(previous, now, tolerancePct));
  }

  static List<SlaSummary.Delta> compare(List<SlaSummary.HistoryRun> previous, SlaSummary.HistoryRun now, double tolerancePct) {
    List<SlaSummary.Delta> out = new ArrayList<>();
    now.p95Ms().forEach((request, p95) -> {
      List<Double> before = previous.stream().map(r -> r.p95Ms().get(request)).filter(Objects::nonNull).map(Integer::doubleValue).toList();
      if (before.size() >= MIN_RUNS) {
        double median = median(before);
        double changePct = median == 0 ? (p95 == 0 ? 0 : 100) : 100.0 * (p95 - median) / median;
        boolean regression = p95 - median > Trend.NOISE_MS && changePct > tolerancePct;
        out.add(new SlaSummary.Delta(request, "p95Ms", median, p95, changePct, regression));
      }
    });
    if (now.errorPct() != null) {
      now.errorPct().forEach((request, pct) -> {
        List<Double> before = previous.stream().map(r -> r.errorPct() == null ? null : r.errorPct().get(request)).filter(Objects::nonNull).toList();
        if (before.size() >= MIN_RUNS) {
          double median = median(before);
          out.add(new SlaSummary.Delta(request, "errorPct", median, pct, pct - median, pct - median > ERROR_NOISE_PCT));
        }
      });
    }
    return out;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
