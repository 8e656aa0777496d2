package io.chatload.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journey's outcomes (OK or KO, and how long each took) in one-second buckets per name, kept
 * for the last {@link #SECONDS} seconds, so a watchdog can ask "what share failed over the last few
 * seconds" while the run goes on. Thread-safe and cheap: every user records into it.
 */
public final class OutcomeWindow {
  /** How far back the window remembers. */
  static final int SECONDS = 900;

  private final Map<String, Series> series = new ConcurrentHashMap<>();

  /** One outcome of {@code name} now that took {@code millis}. */
  public void record(String name, boolean ok, long millis) {
    record(name, ok, millis, System.currentTimeMillis());
  }

  void record(String name, boolean ok, long millis, long nowMillis) {
    series.computeIfAbsent(name, n -> new Series()).add(nowMillis / 1000, ok, millis);
  }

  /** The outcomes of {@code name} recorded in the seconds [{@code fromSecond}, {@code toSecond}) (epoch seconds). */
  public Counts counts(String name, long fromSecond, long toSecond) {
    Series s = series.get(name);
    return s == null ? Counts.NONE : s.sum(Math.max(fromSecond, toSecond - SECONDS), toSecond);
  }

  /** Outcomes over a span: how many were OK and KO, and the OK ones' latency histogram. */
  public record Counts(long ok, long ko, LatencyHistogram latencies) {
    static final Counts NONE = new Counts(0, 0, new LatencyHistogram());

    public long total() {
      return ok + ko;
    }

    /** KO share in percent; 0 without outcomes. */
    public double errorPct() {
      return total() == 0 ? 0 : 100.0 * ko / total();
    }
  }

  /** A ring of one-second buckets. */
  private static final class Series {
    private final long[] second = new long[SECONDS];
    private final long[] ok = new long[SECONDS];
    private final long[] ko = new long[SECONDS];
    private final LatencyHistogram[] latency = new LatencyHistogram[SECONDS];

    synchronized void add(long epochSecond, boolean success, long millis) {
      int i = (int) Math.floorMod(epochSecond, (long) SECONDS);
      if (second[i] != epochSecond) {
        second[i] = epochSecond;
        ok[i] = 0;
        ko[i] = 0;
        latency[i] = new LatencyHistogram();
      }
      if (success) {
        ok[i]++;
        latency[i].add(millis); // percentiles of OK outcomes, as Gatling's report gives them
      } else {
        ko[i]++;
      }
    }

    synchronized Counts sum(long from, long to) {
      long oks = 0;
      long kos = 0;
      LatencyHistogram h = new LatencyHistogram();
      for (long t = from; t < to; t++) {
        int i = (int) Math.floorMod(t, (long) SECONDS);
        if (second[i] == t && latency[i] != null) {
          oks += ok[i];
          kos += ko[i];
          h.addAll(latency[i]);
        }
      }
      return new Counts(oks, kos, h);
    }
  }
}
