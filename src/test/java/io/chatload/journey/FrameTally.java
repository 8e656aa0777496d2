package io.chatload.journey;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one run's frame checks saw that its verdict needs beyond Gatling's OK and KO counts: how many
 * agent events had their timing judged, how many of those passed a limit only because this injector's
 * own lateness was taken off (excused: the run then cannot say "held"), the timing KOs this injector's
 * worst lateness could explain (a breach made of them is inconclusive, not the platform's), and
 * cross-user leaks; and what the checks could judge (dialects, identity fields, timestamps) with a few
 * samples of each kind of KO, for the summary's "what was checked". One per run (ChatJourney), shared
 * by its users' Conversations.
 */
public final class FrameTally {
  private final LongAdder judged = new LongAdder();
  private final Map<String, LongAdder> excused = new ConcurrentHashMap<>();
  private final LongAdder leaks = new LongAdder();
  private final Map<String, LongAdder> explainableKos = new ConcurrentHashMap<>();
  private final CheckCoverage checkCoverage = new CheckCoverage();
  private final TimestampCoverage timestampCoverage = new TimestampCoverage();
  private final KoSamples koSamples = new KoSamples();

  /**
   * @param judged agent events whose timing was judged (the denominator of {@code excused})
   * @param excusedByEvent per event, frames that broke a limit (delivery, a gap, a timeout) only by
   *     the time the event loop that read them was provably behind its schedule: OK, but not measured
   * @param explainableKos per event, timing KOs by no more than the injector's lateness could add
   */
  public record Counts(long judged, Map<String, Long> excusedByEvent, long leaks, Map<String, Long> explainableKos) {
    public static final Counts NONE = new Counts(0, Map.of(), 0, Map.of());

    public long excused() {
      return excusedByEvent.values().stream().mapToLong(Long::longValue).sum();
    }

    public long explainableKoTotal() {
      return explainableKos.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  void judged() {
    judged.increment();
  }

  void excused(String event) {
    excused.computeIfAbsent(event, k -> new LongAdder()).increment();
  }

  void leak() {
    leaks.increment();
  }

  void explainableKo(String request) {
    explainableKos.computeIfAbsent(request, k -> new LongAdder()).increment();
  }

  /** The dialects and identity fields of this run's agent events. */
  public CheckCoverage checkCoverage() {
    return checkCoverage;
  }

  /** How many of this run's agent events carried a usable timestamp. */
  public TimestampCoverage timestampCoverage() {
    return timestampCoverage;
  }

  /** A few samples of each kind of KO of this run. */
  public KoSamples koSamples() {
    return koSamples;
  }

  public Counts counts() {
    return new Counts(judged.sum(), sums(excused), leaks.sum(), sums(explainableKos));
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return java.util.Collections.unmodifiableMap(out);
  }
}
