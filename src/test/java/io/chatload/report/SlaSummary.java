package io.chatload.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run proved, in one machine-readable document ({@code sla-summary.json}) from which the
 * human page, the job summary and the JUnit XML are written: each SLA with threshold, actual and
 * verdict; each request's figures; cross-user leaks; run-level checks; changes since a baseline.
 */
public record SlaSummary(
    Run run,
    boolean passed,
    List<Sla> slas,
    List<RunResults.RequestStats> requests,
    long crossUserLeaks,
    List<Check> checks,
    List<Delta> trend,
    Map<String, Integer> errors,
    Checked checked,
    List<Step> steps,
    StoppedEarly stoppedEarly,
    List<TimePoint> overTime,
    History history,
    Injector injector,
    String verdict,
    Measurement measurement) {

  /** The run's verdict: every SLA and check held on measured figures. */
  public static final String HELD = "held";
  /** The run's verdict: an SLA or check breached, and the injector cannot explain it. */
  public static final String BREACHED = "breached";
  /**
   * The run's verdict: the instrument cannot vouch for it — the run held with frames
   * excused by the injector's own lateness, or breached by no more than that lateness explains.
   */
  public static final String INCONCLUSIVE = "inconclusive";

  /** Old JSON (a baseline from before these fields) reads with empty lists rather than nulls. */
  public SlaSummary {
    checked = checked == null ? Checked.NONE : checked;
    steps = steps == null ? List.of() : steps;
    overTime = overTime == null ? List.of() : overTime;
    verdict = verdict == null ? (passed ? HELD : BREACHED) : verdict;
  }

  /** The same summary with its verdict as the instrument can vouch for it ({@link MeasuredVerdict}). */
  public SlaSummary withVerdict(String v, Measurement m) {
    return toBuilder().verdict(v, m).build();
  }

  public boolean inconclusive() {
    return INCONCLUSIVE.equals(verdict);
  }

  /**
   * What the verdict stands on: {@code framesJudged} agent events had their timing judged, of which
   * {@code framesExcused} broke a limit only by the injector's proven lateness (OK, not measured);
   * {@code explainableKos} timing KOs the injector's lateness could have caused; the injector was at
   * most {@code injectorLateMaxMs} behind at once, so no figure is inflated by more than that; and
   * {@code why} says in one sentence why the verdict is what it is.
   */
  public record Measurement(long framesJudged, long framesExcused, long explainableKos, long injectorLateMaxMs, String why) {}

  /**
   * A summary of {@code run} built field by field: what is not given is empty (no SLA, request, leak,
   * check, delta, error, step or timeline), unknown ({@link Checked#NONE}) or absent (no early stop,
   * history, injector figures or measurement), and the verdict follows {@code passed}.
   */
  public static Builder of(Run run, boolean passed) {
    return new Builder(run, passed);
  }

  /** A builder holding this summary's fields, to change a few. */
  public Builder toBuilder() {
    Builder b = new Builder(run, passed);
    b.slas = slas;
    b.requests = requests;
    b.crossUserLeaks = crossUserLeaks;
    b.checks = checks;
    b.trend = trend;
    b.errors = errors;
    b.checked = checked;
    b.steps = steps;
    b.stoppedEarly = stoppedEarly;
    b.overTime = overTime;
    b.history = history;
    b.injector = injector;
    b.verdict = verdict;
    b.measurement = measurement;
    return b;
  }

  /** The same summary with its history (the history is judged after the run's own figures). */
  public SlaSummary withHistory(History h) {
    return toBuilder().history(h).build();
  }

  /** The same summary with the injector's own figures and verdict. */
  public SlaSummary withInjector(Injector i) {
    return toBuilder().injector(i).build();
  }

  /** Builds a {@link SlaSummary}; see {@link SlaSummary#of}. */
  public static final class Builder {
    private final Run run;
    private boolean passed;
    private List<Sla> slas = List.of();
    private List<RunResults.RequestStats> requests = List.of();
    private long crossUserLeaks;
    private List<Check> checks = List.of();
    private List<Delta> trend = List.of();
    private Map<String, Integer> errors = Map.of();
    private Checked checked = Checked.NONE;
    private List<Step> steps = List.of();
    private StoppedEarly stoppedEarly;
    private List<TimePoint> overTime = List.of();
    private History history;
    private Injector injector;
    private String verdict;
    private Measurement measurement;

    private Builder(Run run, boolean passed) {
      this.run = run;
      this.passed = passed;
    }

    public Builder slas(List<Sla> s) {
      slas = s;
      return this;
    }

    public Builder requests(List<RunResults.RequestStats> r) {
      requests = r;
      return this;
    }

    public Builder crossUserLeaks(long leaks) {
      crossUserLeaks = leaks;
      return this;
    }

    public Builder checks(List<Check> c) {
      checks = c;
      return this;
    }

    public Builder trend(List<Delta> deltas) {
      trend = deltas;
      return this;
    }

    public Builder errors(Map<String, Integer> e) {
      errors = e;
      return this;
    }

    public Builder checked(Checked c) {
      checked = c;
      return this;
    }

    public Builder steps(List<Step> s) {
      steps = s;
      return this;
    }

    public Builder stoppedEarly(StoppedEarly s) {
      stoppedEarly = s;
      return this;
    }

    public Builder overTime(List<TimePoint> points) {
      overTime = points;
      return this;
    }

    public Builder history(History h) {
      history = h;
      return this;
    }

    public Builder injector(Injector i) {
      injector = i;
      return this;
    }

    /** The verdict as the instrument can vouch for it; the summary passed only when it {@link #HELD}. */
    public Builder verdict(String v, Measurement m) {
      verdict = v;
      measurement = m;
      passed = HELD.equals(v);
      return this;
    }

    public SlaSummary build() {
      return new SlaSummary(run, passed, slas, requests, crossUserLeaks, checks, trend, errors, checked, steps, stoppedEarly, overTime,
          history, injector, verdict, measurement);
    }
  }

  public record Run(String simulation, String target, String load, String startedAt, long durationSeconds, String gitCommit, String folder) {}

  /** One SLA as Gatling validated it. */
  public record Sla(String name, Double threshold, Double actual, boolean passed, String error) {}

  /** A run-level check that is not a Gatling assertion (drift, heap, capacity, regression). */
  public record Check(String name, boolean passed, String detail) {}

  /**
   * What the run could check: the wire dialect(s) the target spoke (e.g. "bridge"), the identity
   * fields isolation was judged on (e.g. "run_id + user_id; the platform sends no thread_id"), what
   * share of the agent events carried no usable timestamp for the delivery check (and that timestamps
   * without an offset are taken as UTC), and a few samples (ids, redacted snippet) of each kind of
   * KO, keyed by the KO's stable message. {@code timestamps} is null in summaries of runs before it existed.
   */
  public record Checked(String dialect, String identityFields, String timestamps, Map<String, List<String>> koSamples) {
    public static final Checked NONE = new Checked("unknown", "unknown", "unknown", Map.of());
  }

  /** One load step of a stepped run (Stress): the figures of agent_completed while it was held. */
  public record Step(int users, double throughputPerSec, Double p95Ms, double errorPct, boolean held) {}

  /** Why and when a run was stopped before its end (auto-stop), with the load at that moment. */
  public record StoppedEarly(String cause, double atSeconds, long activeUsers) {}

  /**
   * One bucket of the run's timeline (Gatling's own, from simulation.log): the concurrent users,
   * the p95 of agent_completed (null when none completed in it) and the KO share of all requests.
   */
  public record TimePoint(double atSeconds, int activeUsers, Integer p95Ms, double errorPct) {}

  /**
   * The run among its predecessors ({@code -Dhistory}): the last runs of this simulation, oldest
   * first and this run last, and this run's figures against the median of the {@code window} runs
   * before it.
   */
  public record History(String file, int window, List<HistoryRun> runs, List<Delta> vsMedian) {}

  /** One line of the history file: a run's p95 and error share per request. */
  public record HistoryRun(String simulation, String target, String startedAt, String gitCommit, boolean passed,
      Map<String, Integer> p95Ms, Map<String, Double> errorPct) {}

  /**
   * The injector watching itself during the run (io.chatload.injector.InjectorWatch): its
   * process CPU per second as a share of all {@code cores} (median, max, longest stretch at or above
   * the threshold), its busiest thread (highest second as a share of one core, longest stretch at or
   * above the threshold, its name), the machine's CPU (median, every process), its GC pauses (count, total, longest),
   * and how late its event loops (or a timer due every 100 ms) ran what was due, per 100 ms (p99, max);
   * {@code lateFramesExcused}: frames late beyond a limit of the contract (delivery, a gap, a timeout)
   * only by the time the event loops were behind meanwhile, not counted as KO. {@code saturated} when a threshold
   * ({@code thresholds}) was reached — {@code reasons} name which — and {@code verdict} says so in one
   * paragraph, naming the KOs and tails the overload may have caused. Absent (null) in summaries of
   * runs before it existed.
   */
  public record Injector(int cores, long watchedSeconds, double cpuPctMedian, double cpuPctMax, long cpuSaturatedSeconds,
      Double machineCpuPctMedian, long gcPauses, long gcPauseTotalMs, long gcPauseMaxMs, long timerLagP99Ms, long timerLagMaxMs,
      boolean saturated, List<String> reasons, String thresholds, String verdict, Double hotThreadPctMax, long hotThreadSaturatedSeconds,
      String hotThread, long lateFramesExcused) {
    public Injector {
      reasons = reasons == null ? List.of() : reasons;
    }

    public Injector withVerdict(String v) {
      return new Injector(cores, watchedSeconds, cpuPctMedian, cpuPctMax, cpuSaturatedSeconds, machineCpuPctMedian, gcPauses,
          gcPauseTotalMs, gcPauseMaxMs, timerLagP99Ms, timerLagMaxMs, saturated, reasons, thresholds, v, hotThreadPctMax,
          hotThreadSaturatedSeconds, hotThread, lateFramesExcused);
    }
  }

  /** Change of one figure against the baseline; {@code regression} when beyond tolerance. */
  public record Delta(String request, String metric, double baseline, double current, double changePct, boolean regression) {}

  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final Pattern LAST_NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(?!.*\\d)");

  static List<Sla> slas(List<RunResults.AssertionOutcome> outcomes) {
    List<Sla> out = new ArrayList<>();
    for (RunResults.AssertionOutcome o : outcomes) {
      Matcher m = LAST_NUMBER.matcher(o.description());
      Double threshold = m.find() ? Double.valueOf(m.group(1)) : null;
      out.add(new Sla(o.description(), threshold, o.actual(), o.passed(), o.error()));
    }
    return out;
  }

  /** This summary with what the run's checks could judge (known only in the JVM that ran the load). */
  public SlaSummary withChecked(Checked c) {
    return toBuilder().checked(c).build();
  }

  /** This summary with the figures of each load step. */
  public SlaSummary withSteps(List<Step> loadSteps) {
    return toBuilder().steps(loadSteps).build();
  }

  public void writeJson(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  public static SlaSummary readJson(Path file) throws IOException {
    return JSON.readValue(file.toFile(), SlaSummary.class);
  }
}
