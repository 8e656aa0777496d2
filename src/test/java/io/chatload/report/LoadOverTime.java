package io.chatload.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The run over time in one series: active users, p95 of agent_completed and the KO share of all
 * requests per bucket of Gatling's own timeline — the data behind the "over the run" chart, where a
 * knee, a drift or a spike's recovery shows.
 */
public final class LoadOverTime {
  /** The event whose latency the timeline follows: the end of a chat turn. */
  public static final String FOLLOWED = "agent_completed";

  private LoadOverTime() {}

  public static List<SlaSummary.TimePoint> of(RunResults results) {
    return join(results.activeUsers(), results.p95OverTime(FOLLOWED), results.allRequestsTimeline());
  }

  /**
   * One point per bucket. The p95 is Gatling's percentile-over-time series, keyed by when the
   * message was sent (as in Gatling's own chart); counts are keyed by when responses arrived.
   */
  static List<SlaSummary.TimePoint> join(List<RunResults.UsersAt> users, List<RunResults.LatencyAt> followed, List<RunResults.Bucket> all) {
    Map<Long, Integer> followedAt = followed.stream().collect(Collectors.toMap(RunResults.LatencyAt::offsetMs, RunResults.LatencyAt::p95, (a, b) -> a));
    Map<Long, RunResults.Bucket> allAt = all.stream().collect(Collectors.toMap(RunResults.Bucket::offsetMs, Function.identity(), (a, b) -> a));
    Map<Long, Integer> usersAt = users.stream().collect(Collectors.toMap(RunResults.UsersAt::offsetMs, RunResults.UsersAt::users, Math::max));
    TreeMap<Long, SlaSummary.TimePoint> out = new TreeMap<>();
    java.util.Set<Long> times = union(usersAt.keySet(), allAt.keySet());
    times.addAll(followedAt.keySet());
    for (Long t : times) {
      RunResults.Bucket a = allAt.get(t);
      Integer p95 = followedAt.get(t);
      double errorPct = a == null || a.oks() + a.kos() == 0 ? 0 : Math.round(10000.0 * a.kos() / (a.oks() + a.kos())) / 100.0;
      out.put(t, new SlaSummary.TimePoint(t / 1000.0, usersAt.getOrDefault(t, 0), p95, errorPct));
    }
    return List.copyOf(out.values());
  }

  private static java.util.Set<Long> union(java.util.Set<Long> a, java.util.Set<Long> b) {
    java.util.Set<Long> u = new java.util.TreeSet<>(a);
    u.addAll(b);
    return u;
  }
}
