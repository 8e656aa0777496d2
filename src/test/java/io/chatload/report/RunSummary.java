package io.chatload.report;

import io.chatload.config.RunSettings;
import io.chatload.config.TrendSettings;
import io.chatload.guard.AutoStop;
import io.chatload.injector.InjectorVerdict;
import io.chatload.journey.ChatJourney;
import io.chatload.journey.CheckCoverage;
import io.chatload.journey.KoSamples;
import io.chatload.report.page.BannerWords;
import io.chatload.report.page.SummaryWriters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Writes the SLA summary next to Gatling's report once Gatling has written it. Gatling's main
 * writes the report and then exits, with no hook after that, so this runs as a JVM shutdown hook
 * registered in the simulation's {@code after()}. Run-level checks that fail (drift, heap,
 * capacity) or a regression with {@code -Dbaseline.failOnRegression=true} end the process with
 * {@link #EXIT_RUN_CHECK_FAILED}; a run the auto-stop ended early with {@link #EXIT_SLA_FAILED}.
 */
public final class RunSummary {
  /** The exit code when Gatling's assertions held but a run-level check or the trend did not. */
  public static final int EXIT_RUN_CHECK_FAILED = 5;
  /** Gatling's own exit code for a breached SLA, also that of a run the auto-stop ended early. */
  public static final int EXIT_SLA_FAILED = 2;
  /**
   * The exit code of a run whose injector was saturated under {@code -Dinjector.strict=true}: its
   * figures are the injector's as much as the platform's, whatever the SLAs said (takes precedence).
   */
  public static final int EXIT_INJECTOR_SATURATED = 6;

  private RunSummary() {}

  /**
   * @param extraChecks the simulation's own run-level verdicts, computed from the results
   */
  public static void afterGatlingExits(String simulation, RunSettings run, Function<RunResults, List<SlaSummary.Check>> extraChecks) {
    afterGatlingExits(simulation, run, extraChecks, results -> List.of(), Optional::empty, List.of(), () -> null);
  }

  /**
   * @param extraChecks the simulation's own run-level verdicts, computed from the results
   * @param loadSteps the figures of each load step of a stepped run (Stress), empty otherwise
   * @param stop why the auto-stop ended the run early, if it did
   * @param helperScenarios scenarios that are not the load, left out of the load at the stop
   * @param injector the injector's own figures over the run (InjectorWatch), or null
   */
  public static void afterGatlingExits(String simulation, RunSettings run, Function<RunResults, List<SlaSummary.Check>> extraChecks,
      Function<RunResults, List<SlaSummary.Step>> loadSteps, java.util.function.Supplier<Optional<AutoStop.Verdict>> stop,
      List<String> helperScenarios, java.util.function.Supplier<SlaSummary.Injector> injector) {
    Thread hook = new Thread(() -> {
      try {
        Optional<Path> folder = findRunFolder(simulation);
        if (folder.isEmpty()) {
          return; // no report (the run sent nothing): nothing to summarize
        }
        RunResults results = RunResults.read(folder.get());
        SlaSummary.StoppedEarly stoppedEarly = stop.get().map(v -> EarlyStop.of(v, results, helperScenarios)).orElse(null);
        SlaSummary summary = summarize(folder.get(), results, simulation, run.target().summaryName(), run.load().describe(),
            extraChecks.apply(results), run.trend(), stoppedEarly)
            .withChecked(new SlaSummary.Checked(CheckCoverage.dialects(), CheckCoverage.identityFields(), KoSamples.snapshot()))
            .withSteps(loadSteps.apply(results));
        SlaSummary.Injector judged = InjectorVerdict.explain(injector.get(), results.requests, results.errors);
        boolean strictlySaturated = judged != null && judged.saturated() && run.injector().strict();
        if (judged != null) {
          summary = summary.withInjector(judged, run.injector().strict() ? InjectorVerdict.check(judged) : null);
          System.out.println((judged.saturated() ? "\n!!! " : "") + judged.verdict());
        }
        SummaryWriters.writeAll(summary, folder.get());
        recordInHistory(summary, run.trend(), folder.get());
        if (stoppedEarly != null) {
          System.out.println(BannerWords.stoppedEarly(summary));
        }
        System.out.printf("SLA summary (%s): %s%n", summary.passed() ? "all held" : "BREACHED",
            folder.get().resolve(SummaryWriters.HTML).toUri());
        boolean runChecksFailed = summary.checks().stream().anyMatch(c -> !c.passed());
        boolean regressed = summary.trend().stream().anyMatch(SlaSummary.Delta::regression)
            || (summary.history() != null && summary.history().vsMedian().stream().anyMatch(SlaSummary.Delta::regression));
        System.out.flush();
        if (strictlySaturated) {
          System.err.println("\nThe injector was saturated and -Dinjector.strict=true: the run fails with exit code " + EXIT_INJECTOR_SATURATED
              + " (not the platform's fault; see the summary's injector section).");
          System.err.flush();
          Runtime.getRuntime().halt(EXIT_INJECTOR_SATURATED);
        }
        if (stoppedEarly != null) {
          Runtime.getRuntime().halt(EXIT_SLA_FAILED); // a lost run fails, whatever its assertions made of the part that ran
        }
        if (runChecksFailed || (regressed && run.trend().failOnRegression())) {
          Runtime.getRuntime().halt(EXIT_RUN_CHECK_FAILED);
        }
      } catch (Throwable t) {
        System.err.println("SLA summary not written: " + t);
      }
    }, "sla-summary");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  public static SlaSummary summarize(Path folder, RunResults results, String simulation, String target, String load,
      List<SlaSummary.Check> extraChecks, TrendSettings trend) throws IOException {
    return summarize(folder, results, simulation, target, load, extraChecks, trend, null);
  }

  /** As above, for a run the auto-stop ended early when {@code stoppedEarly} is not null: it does not pass. */
  public static SlaSummary summarize(Path folder, RunResults results, String simulation, String target, String load,
      List<SlaSummary.Check> extraChecks, TrendSettings trend, SlaSummary.StoppedEarly stoppedEarly) throws IOException {
    List<SlaSummary.Sla> slas = SlaSummary.slas(results.assertions);
    List<SlaSummary.Check> checks = new ArrayList<>(extraChecks);
    List<SlaSummary.Delta> deltas = List.of();
    if (trend.baseline().isPresent()) {
      deltas = Trend.compare(SlaSummary.readJson(trend.baseline().get()), results.requests, trend.tolerancePct());
      long regressions = deltas.stream().filter(SlaSummary.Delta::regression).count();
      if (trend.failOnRegression()) {
        checks.add(new SlaSummary.Check("no regression against " + trend.baseline().get().getFileName(), regressions == 0,
            regressions + " figure(s) worse than the baseline by more than " + trend.tolerancePct() + " %"));
      }
    }
    long leaks = results.request(ChatJourney.ISOLATION).map(RunResults.RequestStats::ko).getOrElse(() -> 0L);
    long duration = Math.max(0, (results.injectEndMillis - results.startMillis) / 1000);
    SlaSummary.Run meta = new SlaSummary.Run(simulation, target, load, Instant.ofEpochMilli(results.startMillis).toString(),
        duration, gitCommit(), folder.getFileName().toString());
    SlaSummary.History history = null;
    if (trend.history().isPresent()) {
      // the history line needs the run's figures, and the run's verdict may need the history
      SlaSummary draft = new SlaSummary(meta, true, slas, results.requests, leaks, checks, deltas, results.errors,
          SlaSummary.Checked.NONE, List.of(), null);
      Path file = trend.history().get();
      history = MedianTrend.judge(file.toString(), RunHistory.read(file), RunHistory.lineOf(draft),
          trend.historyWindow(), trend.historyRuns(), trend.tolerancePct());
      long regressions = history.vsMedian().stream().filter(SlaSummary.Delta::regression).count();
      if (trend.failOnRegression()) {
        checks.add(new SlaSummary.Check("no regression against the median of the previous " + trend.historyWindow() + " runs", regressions == 0,
            regressions + " figure(s) worse than the median by more than " + trend.tolerancePct() + " %"));
      }
    }
    boolean passed = stoppedEarly == null
        && slas.stream().allMatch(SlaSummary.Sla::passed) && checks.stream().allMatch(SlaSummary.Check::passed);
    return new SlaSummary(meta, passed, slas, results.requests, leaks, checks, deltas, results.errors,
        SlaSummary.Checked.NONE, List.of(), stoppedEarly, LoadOverTime.of(results), history);
  }

  /**
   * Appends this run to {@code -Dhistory} (after its page is written, so the page judged it against
   * the runs before it) and leaves a copy of the whole history in the run folder for the artifact.
   */
  static void recordInHistory(SlaSummary summary, TrendSettings trend, Path folder) throws IOException {
    if (trend.history().isEmpty() || summary.history() == null) {
      return;
    }
    Path file = trend.history().get();
    RunHistory.append(file, RunHistory.lineOf(summary));
    Path copy = folder.resolve(TrendSettings.HISTORY_FILE);
    if (!copy.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The newest folder of this simulation's runs under the results directory Gatling was given. */
  static Optional<Path> findRunFolder(String simulation) throws IOException {
    Path results = resultsDirectory();
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
    try (Stream<Path> dirs = Files.list(results)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
          .filter(d -> Files.isRegularFile(d.resolve("simulation.log")))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    }
  }

  /** Gatling's {@code -rf} argument (the Maven plugin passes target/gatling), else target/gatling. */
  static Path resultsDirectory() {
    // the java command line: sun.java.command holds the main class and its arguments
    String[] args = System.getProperty("sun.java.command", "").split(" ");
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("-rf") || args[i].equals("--results-folder")) {
        return Path.of(args[i + 1]);
      }
    }
    return Path.of("target", "gatling");
  }

  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String sha = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (sha.matches("[0-9a-f]{40}")) {
          return sha;
        }
      }
      p.destroyForcibly();
    } catch (IOException | InterruptedException e) {
      // not a git checkout: fall through
    }
    String env = System.getenv("GITHUB_SHA");
    return env == null || env.isEmpty() ? "unknown" : env;
  }

  /** Regenerates the summary of an existing run: {@code -Drun=<run folder> [-Dbaseline=... ] [-Dhistory=... ]}. */
  public static void main(String[] args) throws IOException {
    String run = System.getProperty("run");
    if (run == null || run.isEmpty()) {
      throw new IllegalArgumentException("give the run folder: -Drun=target/gatling/<simulation>-<timestamp>");
    }
    Path folder = Path.of(run);
    RunResults results = RunResults.read(folder);
    TrendSettings trend = RunSettings.trend(System.getProperties());
    String simulation = results.simulationClass.substring(results.simulationClass.lastIndexOf('.') + 1);
    SlaSummary summary = summarize(folder, results, simulation, "(not recorded)", "(not recorded)", List.of(), trend);
    SummaryWriters.writeAll(summary, folder);
    recordInHistory(summary, trend, folder);
    System.out.println("SLA summary (" + (summary.passed() ? "all held" : "BREACHED") + "): " + folder.resolve(SummaryWriters.HTML).toUri());
  }
}
