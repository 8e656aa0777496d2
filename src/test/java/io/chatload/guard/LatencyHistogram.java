package io.chatload.guard;

/**
 * Latencies in logarithmic bins 5 % wide (1 ms to ~2 h), so percentiles over any span can be read
 * from a few hundred counters instead of every sample. Not thread-safe: its owner locks.
 */
public final class LatencyHistogram {
  private static final double RATIO = 1.05;
  private static final int BINS = 400;
  private final int[] counts = new int[BINS];
  private long total;

  void add(long millis) {
    counts[bin(millis)]++;
    total++;
  }

  void addAll(LatencyHistogram other) {
    for (int i = 0; i < BINS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  public long total() {
    return total;
  }

  /** The {@code pct} percentile in ms (the upper edge of its bin, so never under-stated); 0 when empty. */
  public long percentile(double pct) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(total * pct / 100.0);
    long seen = 0;
    for (int i = 0; i < BINS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return upperEdge(i);
      }
    }
    return upperEdge(BINS - 1);
  }

  private static int bin(long millis) {
    if (millis <= 1) {
      return 0;
    }
    return (int) Math.min(BINS - 1, Math.ceil(Math.log(millis) / Math.log(RATIO)));
  }

  private static long upperEdge(int bin) {
    return bin == 0 ? 1 : (long) Math.floor(Math.pow(RATIO, bin));
  }
}
