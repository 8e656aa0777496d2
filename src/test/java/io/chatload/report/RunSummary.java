package io.chatload.report;

import io.chatload.config.RunSettings;
import io.chatload.run.ExitCode;
import io.chatload.config.TrendSettings;
import io.chatload.guard.AutoStop;
import io.chatload.injector.InjectorVerdict;
import io.chatload.journey.ChatJourney;
import io.chatload.journey.FrameTally;
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
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Writes the SLA summary next to Gatling's report once Gatling has written it. Gatling's main
 * writes the report and then exits, with no hook after that, so this runs as a JVM shutdown hook
 * registered in the simulation's {@code after()}, and sets the exit code where the run's verdict is
 * not Gatling's: inconclusive ({@link ExitCode#INCONCLUSIVE}), stopped early ({@link ExitCode#SLA_FAILED}),
 * a failed run-level check or regression ({@link ExitCode#RUN_CHECK_FAILED}). It fails closed: anything
 * that goes wrong while judging or writing the summary ends the run with {@link ExitCode#SUMMARY_FAILED}
 * and one sentence, never with Gatling's exit code, which may be 0.
 */
public final class RunSummary {
  private RunSummary() {}

  /**
   * What a simulation hands over at its end for its summary.
   *
   * @param extraChecks the simulation's own run-level verdicts, computed from the results
   * @param loadSteps the figures of each load step of a stepped run (Stress), empty otherwise
   * @param stop why the auto-stop ended the run early, if it did
   * @param helperScenarios scenarios that are not the load, left out of the load at the stop
   * @param injector the injector's own figures over the run (InjectorWatch), or null
   * @param frames what the frame checks counted (judged, excused, explainable KOs)
   * @param checked what the frame checks could judge (dialects, identity fields, timestamps) and samples of each KO
   */
  public record RunEnd(String simulation, RunSettings run, Function<RunResults, List<SlaSummary.Check>> extraChecks,
      Function<RunResults, List<SlaSummary.Step>> loadSteps, Supplier<Optional<AutoStop.Verdict>> stop, List<String> helperScenarios,
      SlaSummary.Injector injector, FrameTally.Counts frames, SlaSummary.Checked checked) {}

  public static void afterGatlingExits(RunEnd end) {
    Thread hook = new Thread(() -> {
      int code;
      try {
        code = findRunFolder(end.simulation()).map(folder -> concludeOrFail(end, folder)).orElse(0);
      } catch (Throwable t) {
        System.err.printf("%nThe run's folder could not be found for its SLA summary (%s): the run fails with exit code %d.%n", t, ExitCode.SUMMARY_FAILED.code());
        code = ExitCode.SUMMARY_FAILED.code();
      }
      System.out.flush();
      System.err.flush();
      if (code != 0) {
        Runtime.getRuntime().halt(code);
      }
    }, "sla-summary");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Judges and writes the run's summary in {@code folder}: the exit code the run must end with, or 0
   * to leave Gatling's. Never throws: a failure is one sentence and {@link ExitCode#SUMMARY_FAILED}.
   */
  static int concludeOrFail(RunEnd end, Path folder) {
    try {
      return conclude(end, folder);
    } catch (Throwable t) {
      System.err.printf("%nThe SLA summary of %s could not be judged or written (%s): the run fails with exit code %d.%n",
          folder, t, ExitCode.SUMMARY_FAILED.code());
      return ExitCode.SUMMARY_FAILED.code();
    }
  }

  private static int conclude(RunEnd end, Path folder) throws IOException {
    RunSettings run = end.run();
    RunResults results = RunResults.read(folder);
    SlaSummary.StoppedEarly stoppedEarly = end.stop().get().map(v -> EarlyStop.of(v, results, end.helperScenarios())).orElse(null);
    SlaSummary summary = summarize(folder, results, end.simulation(), run.target().summaryName(), run.load().describe(),
        end.extraChecks().apply(results), run.trend(), stoppedEarly)
        .withChecked(end.checked())
        .withSteps(end.loadSteps().apply(results));
    SlaSummary.Injector judged = InjectorVerdict.explain(end.injector(), results.requests, results.errors);
    if (judged != null) {
      summary = summary.withInjector(judged);
    }
    summary = MeasuredVerdict.judge(summary, end.frames(), judged, run.injector().strict());
    // the verdict first: it is what a reader of the console needs before any figure
    System.out.println("\n" + BannerWords.consoleLine(summary));
    if (judged != null) {
      System.out.println((judged.saturated() ? "!!! " : "") + judged.verdict());
    }
    SummaryWriters.writeAll(summary, folder);
    recordInHistory(summary, run.trend(), folder);
    if (stoppedEarly != null) {
      System.out.println(BannerWords.stoppedEarly(summary));
    }
    System.out.printf("SLA summary (%s): %s%n", summary.verdict(), folder.resolve(SummaryWriters.HTML).toUri());
    boolean runChecksFailed = summary.checks().stream().anyMatch(c -> !c.passed());
    boolean regressed = summary.trend().stream().anyMatch(SlaSummary.Delta::regression)
        || (summary.history() != null && summary.history().vsMedian().stream().anyMatch(SlaSummary.Delta::regression));
    if (summary.inconclusive()) {
      System.err.println("\nThe run is inconclusive: exit code " + ExitCode.INCONCLUSIVE.code() + " (" + summary.measurement().why() + ")");
      return ExitCode.INCONCLUSIVE.code();
    }
    if (stoppedEarly != null) {
      return ExitCode.SLA_FAILED.code(); // a lost run fails, whatever its assertions made of the part that ran
    }
    if (runChecksFailed || (regressed && run.trend().failOnRegression())) {
      return ExitCode.RUN_CHECK_FAILED.code();
    }
    return 0;
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
      SlaSummary draft = SlaSummary.of(meta, true).slas(slas).requests(results.requests).crossUserLeaks(leaks).checks(checks)
          .trend(deltas).errors(results.errors).build();
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
    return SlaSummary.of(meta, passed).slas(slas).requests(results.requests).crossUserLeaks(leaks).checks(checks).trend(deltas)
        .errors(results.errors).stoppedEarly(stoppedEarly).overTime(LoadOverTime.of(results)).history(history).build();
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
  static Optional<Path> findRunFolder(String simulation) {
    Path results = resultsDirectory();
    if (!Files.isDirectory(results)) {
      return Optional.empty(); // no local run folder (a generator of Gatling Enterprise): Gatling's assertions carry the verdict
    }
    String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
    // a folder older than this JVM is another run's (an injector beside this one, a stale checkout): never summarize it
    long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    try (Stream<Path> dirs = Files.list(results)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
          .filter(d -> Files.isRegularFile(d.resolve("simulation.log")))
          .filter(d -> d.resolve("simulation.log").toFile().lastModified() >= started)
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + results, e);
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
    System.out.println("SLA summary (" + summary.verdict() + "): " + folder.resolve(SummaryWriters.HTML).toUri());
  }
}
