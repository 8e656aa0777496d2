package io.chatload.report;

import io.gatling.charts.stats.CountsVsTimePlot;
import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader$;
import io.gatling.charts.stats.PercentilesVsTimePlot;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.shared.model.assertion.AssertionMessage$;
import io.gatling.shared.model.assertion.AssertionResult;
import io.gatling.shared.model.assertion.AssertionValidator;
import io.gatling.charts.stats.RequestStatsPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.Option;

/**
 * One finished run as plain Java values, read from its run folder with Gatling's own reader and
 * assertion validator — the numbers the report and the console show, never re-measured. The only
 * class that touches Gatling's (Scala) internals.
 */
public final class RunResults {
  /** Latency and outcome of one request name over the whole run. */
  public record RequestStats(String name, long count, long ok, long ko, int p50, int p95, int p99, int max, double meanPerSec) {
    public double errorPct() {
      return count == 0 ? 0 : 100.0 * ko / count;
    }
  }

  /** One SLA as Gatling validated it: its sentence, the actual value, whether it held. */
  public record AssertionOutcome(String description, boolean passed, Double actual, String error) {}

  /** One time bucket of a request: responses and its percentiles (ms) in that bucket. */
  public record Bucket(long offsetMs, int oks, int kos, int p50, int p95, int p99) {}

  public final String simulationClass;
  public final long startMillis;
  public final long injectStartMillis;
  public final long injectEndMillis;
  public final List<RequestStats> requests;
  public final Map<String, Integer> errors;
  public final List<AssertionOutcome> assertions;
  private final LogFileData data;

  private RunResults(LogFileData data) {
    this.data = data;
    var info = data.runInfo();
    this.simulationClass = info.simulationClassName();
    this.startMillis = info.runStart();
    this.injectStartMillis = info.injectStart();
    this.injectEndMillis = info.injectEnd();
    this.requests = readRequests(data);
    Map<String, Integer> errs = new LinkedHashMap<>();
    data.errors(Option.empty(), Option.empty()).foreach(e -> errs.put(e.message(), e.count()));
    this.errors = errs;
    List<AssertionOutcome> outcomes = new ArrayList<>();
    new AssertionValidator(data).validateAssertions(data.assertions()).foreach(r -> outcomes.add(outcome(r)));
    this.assertions = outcomes;
  }

  /** Reads {@code runFolder} (the folder with simulation.log that Gatling wrote). */
  public static RunResults read(Path runFolder) {
    if (!Files.isRegularFile(runFolder.resolve("simulation.log"))) {
      throw new IllegalArgumentException(runFolder + " is not a Gatling run folder (no simulation.log)");
    }
    GatlingConfiguration configuration = GatlingConfiguration.load();
    Path abs = runFolder.toAbsolutePath();
    return new RunResults(LogFileReader$.MODULE$.apply(abs.getFileName().toString(), abs.getParent(), configuration).read());
  }

  public Option<RequestStats> request(String name) {
    for (RequestStats r : requests) {
      if (r.name().equals(name)) {
        return Option.apply(r);
      }
    }
    return Option.empty();
  }

  /** The run's timeline of one request (all statuses counted, percentiles of OK responses). */
  public List<Bucket> timeline(String name) {
    Option<String> n = Option.apply(name);
    List<Bucket> out = new ArrayList<>();
    var counts = data.numberOfResponsesPerSecond(n, Option.empty());
    var percentiles = data.responseTimePercentilesOverTime(OK$.MODULE$, n, Option.empty());
    Map<Integer, PercentilesVsTimePlot> byTime = new LinkedHashMap<>();
    percentiles.foreach(p -> byTime.put(p.time(), p));
    counts.foreach((CountsVsTimePlot c) -> {
      PercentilesVsTimePlot p = byTime.get(c.time());
      boolean has = p != null && p.percentiles().isDefined();
      out.add(new Bucket(c.time(), c.oks(), c.kos(),
          has ? p.percentiles().get().percentile50() : 0,
          has ? p.percentiles().get().percentile95() : 0,
          has ? p.percentiles().get().percentile99() : 0));
      return null;
    });
    return out;
  }

  /** One time bucket of the whole run: the most concurrent users in it (all scenarios). */
  public record UsersAt(long offsetMs, int users) {}

  /** Concurrent users over the run, as Gatling's "active users" chart shows them. */
  public List<UsersAt> activeUsers() {
    List<UsersAt> out = new ArrayList<>();
    data.maxNumberOfConcurrentUsersPerSecond(Option.empty()).foreach(p -> out.add(new UsersAt(p.time(), p.value())));
    return out;
  }

  /** Concurrent users of one scenario over the run. */
  public List<UsersAt> activeUsers(String scenario) {
    List<UsersAt> out = new ArrayList<>();
    data.maxNumberOfConcurrentUsersPerSecond(Option.apply(scenario)).foreach(p -> out.add(new UsersAt(p.time(), p.value())));
    return out;
  }

  /** p95 of one request's OK responses in one time bucket, which Gatling keys by the request's send time. */
  public record LatencyAt(long offsetMs, int p95) {}

  /** A request's p95 over time as Gatling's report draws it: by send time, only buckets that have responses. */
  public List<LatencyAt> p95OverTime(String name) {
    List<LatencyAt> out = new ArrayList<>();
    data.responseTimePercentilesOverTime(OK$.MODULE$, Option.apply(name), Option.empty()).foreach(p -> {
      if (p.percentiles().isDefined()) {
        out.add(new LatencyAt(p.time(), p.percentiles().get().percentile95()));
      }
      return null;
    });
    return out;
  }

  /** The timeline of every request together (the run's error share over time). */
  public List<Bucket> allRequestsTimeline() {
    return timeline(null);
  }

  private static List<RequestStats> readRequests(LogFileData data) {
    List<RequestStats> out = new ArrayList<>();
    data.statsPaths().foreach(path -> {
      if (path instanceof RequestStatsPath) {
        RequestStatsPath r = (RequestStatsPath) path;
        if (r.group().isEmpty()) {
          Option<String> name = Option.apply(r.request());
          GeneralStats all = data.requestGeneralStats(name, Option.empty(), Option.empty()).getOrElse(() -> null);
          if (all != null) {
            long ok = count(data, name, OK$.MODULE$);
            out.add(new RequestStats(r.request(), all.count(), ok, all.count() - ok,
                all.percentile().apply$mcID$sp(50), all.percentile().apply$mcID$sp(95), all.percentile().apply$mcID$sp(99),
                all.max(), all.meanRequestsPerSec()));
          }
        }
      }
      return null;
    });
    return out;
  }

  private static long count(LogFileData data, Option<String> name, Status status) {
    Option<GeneralStats> s = data.requestGeneralStats(name, Option.empty(), Option.apply(status));
    return s.isDefined() ? s.get().count() : 0;
  }

  private static AssertionOutcome outcome(AssertionResult r) {
    String description = AssertionMessage$.MODULE$.message(r.assertion());
    if (r instanceof AssertionResult.Resolved) {
      return new AssertionOutcome(description, r.success(), ((AssertionResult.Resolved) r).actualValue(), null);
    }
    return new AssertionOutcome(description, false, null, String.valueOf(r));
  }
}
