package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

import io.chatload.config.AuthMode;
import io.chatload.config.ConfigurationException;
import io.chatload.config.LoadSettings;
import io.chatload.config.RunSettings;
import io.chatload.guard.AbortRule;
import io.chatload.guard.AutoStop;
import io.chatload.guard.RunJudge;
import io.chatload.guard.Watched;
import io.chatload.injector.InjectorWatch;
import io.chatload.journey.ChatJourney;
import io.chatload.journey.FrameTally;
import io.chatload.journey.TargetLifecycle;
import io.chatload.report.RunChecks;
import io.chatload.report.RunResults;
import io.chatload.report.RunSummary;
import io.chatload.report.SlaSummary;
import io.chatload.run.ExitCode;
import io.chatload.run.RunAborted;
import io.chatload.sla.SlaAssertions;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every simulation shares: settings read and validated once, the journey's chains, the target
 * started in {@code before()} and stopped in {@code after()}, the SLA as assertions. A concrete
 * simulation only chooses its load and composes its scenario.
 */
public abstract class ChatSimulation extends Simulation {
  protected final RunSettings run;
  protected final ChatJourney journey;
  private final TargetLifecycle target;
  /** Null when the run is not watched ({@code -Dabort=false}, or nothing injected over time). */
  private AutoStop autoStop;
  private final InjectorWatch injectorWatch;

  protected ChatSimulation(LoadSettings defaults) {
    this(defaults, Map.of());
  }

  /**
   * @param referenceDefaults {@code reference.*} settings this simulation gives the embedded target
   *     unless the command line sets them (e.g. the fault it exists to survive)
   */
  protected ChatSimulation(LoadSettings defaults, Map<String, String> referenceDefaults) {
    RunSettings settings = settingsOrExit(getClass().getSimpleName(), defaults);
    this.target = lifecycleOrExit(settings, referenceDefaults);
    this.run = settings.withTarget(target.effectiveTarget());
    this.journey = new ChatJourney(run);
    this.injectorWatch = new InjectorWatch(run.injector());
    System.out.printf("%s%n  %s%n  %s%n  SLA: %s%n%s",
        getClass().getSimpleName(), run.target().describe(), run.load().describe(), run.sla().source(),
        run.share().whole() ? "" : "  " + run.share().describe() + "\n");
  }

  private static RunSettings settingsOrExit(String simulation, LoadSettings defaults) {
    try {
      return RunSettings.load(simulation, defaults);
    } catch (ConfigurationException e) {
      RunAborted.exit(ExitCode.CONFIGURATION, e.getMessage());
      throw e;
    }
  }

  private static TargetLifecycle lifecycleOrExit(RunSettings run, Map<String, String> referenceDefaults) {
    try {
      return new TargetLifecycle(run.target(), run.sla(), referenceDefaults);
    } catch (ConfigurationException e) {
      RunAborted.exit(ExitCode.CONFIGURATION, e.getMessage());
      throw e;
    }
  }

  /**
   * Registers the populations with the protocol, the SLA assertions, a hard time bound and, unless
   * {@code -Dabort=false}, the auto-stop watchdog.
   */
  protected void run(PopulationBuilder... populations) {
    List<PopulationBuilder> all = new ArrayList<>(List.of(populations));
    if (!run.healthInterval().isZero()) {
      Duration probing = loadDuration().isZero() ? run.healthInterval() : loadDuration();
      all.add(journey.healthProbe(probing, run.healthInterval()).injectOpen(atOnceUsers(1)));
    }
    // users are replaced (or keep arriving) only while injection lasts: that is when a lost run must stop
    if (run.autoStop() && !loadDuration().isZero()) {
      List<RunJudge> judges = new ArrayList<>();
      judges.add(new AbortRule(run.sla().abort(), watched()));
      judges.addAll(stopJudges());
      autoStop = new AutoStop(journey.outcomes(), judges);
      all.add(autoStop.watchdog(loadDuration()).injectOpen(atOnceUsers(1)));
      var a = run.sla().abort();
      System.out.printf("  auto-stop: more than %.0f %% failing over %d s windows for %d s (-Dabort=false: off)%n",
          a.errorPct(), a.windowSeconds(), a.forSeconds());
    }
    setUp(all)
        .protocols(journey.protocol())
        .assertions(SlaAssertions.of(run.sla(), notSent()))
        .maxDuration(timeBound());
  }

  /** What the auto-stop judges: every step of the journey this run sends that has an SLA. */
  private List<String> watched() {
    List<String> names = new ArrayList<>();
    Set<String> notSent = notSent();
    for (String name : Watched.ALL) {
      boolean judged = name.equals(Watched.ANSWERED) || name.equals(Watched.TURN) || run.sla().requests().containsKey(name);
      if (judged && !notSent.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Further reasons to stop the run early, beside the SLA file's abort rule; none by default. */
  protected List<RunJudge> stopJudges() {
    return List.of();
  }

  /** How long users are injected; the health probe runs as long. */
  protected Duration loadDuration() {
    return run.load().duration();
  }

  /** Requests this run never sends, whose SLA thresholds therefore cannot apply. */
  protected Set<String> notSent() {
    Set<String> names = new HashSet<>();
    if (run.target().auth() == AuthMode.MINT) {
      names.add("login");
    }
    if (run.healthInterval().isZero()) {
      names.add("health");
    }
    // sent only when a token nears its expiry: judged from the results after the run (RunChecks.ifSent)
    names.add(ChatJourney.REFRESH);
    return names;
  }

  /** Injection ends after ramp + hold; users then finish their turns, each bounded by its timeout. */
  protected Duration timeBound() {
    var load = run.load();
    long perTurn = run.sla().turnTimeoutMs() + load.thinkMax().toMillis();
    return loadDuration().plusMillis(load.turns() * perTurn).plusSeconds(30);
  }

  private static final Duration BACKOFF_MARGIN = Duration.ofSeconds(3);

  /** Whether this run replaces a user that ended (a closed model) and so needs its failed users to back off. */
  protected boolean replacesEndedUsers() {
    return run.load().injection() == LoadSettings.Injection.CLOSED;
  }

  @Override
  public void before() {
    try {
      target.start(journey.preflightIdentity());
      target.preflightTurn().ifPresent(journey::carryOver);
    } catch (ConfigurationException e) {
      target.close();
      RunAborted.exit(ExitCode.CONFIGURATION, e.getMessage());
    } catch (TargetLifecycle.PreflightFailed e) {
      target.close();
      RunAborted.exit(ExitCode.PREFLIGHT, e.getMessage());
    }
    if (replacesEndedUsers()) {
      // the load starts as before() returns and injects for loadDuration(); the margin covers Gatling's
      // own start, so no user is released (and replaced) just before the injection ends
      journey.backOffFailedUsersUntil(System.currentTimeMillis() + loadDuration().toMillis() + BACKOFF_MARGIN.toMillis());
    }
    injectorWatch.start();
  }

  @Override
  public void after() {
    FrameTally tally = journey.frames();
    FrameTally.Counts frames = tally.counts();
    SlaSummary.Checked checked = new SlaSummary.Checked(tally.checkCoverage().dialects(),
        tally.checkCoverage().identityFields(run.target().sharedUser()), tally.timestampCoverage().sentence(), tally.koSamples().snapshot());
    SlaSummary.Injector injector = injectorWatch.stop(frames.excused());
    target.close();
    RunSummary.afterGatlingExits(new RunSummary.RunEnd(getClass().getSimpleName(), run, results -> {
      List<SlaSummary.Check> checks = new ArrayList<>(runChecks(results));
      SlaSummary.Check refresh = RunChecks.ifSent(results, ChatJourney.REFRESH, run.sla().requests().get(ChatJourney.REFRESH));
      if (refresh != null) {
        checks.add(0, refresh);
      }
      return checks;
    }, this::loadSteps, () -> autoStop == null ? java.util.Optional.empty() : autoStop.verdict(), List.of(AutoStop.SCENARIO, ChatJourney.HEALTH_PROBE),
        injector, frames, checked));
  }

  /**
   * Verdicts over the whole run that Gatling assertions cannot express (drift, capacity, heap),
   * computed from the run's results once Gatling has written them; none by default.
   */
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    return List.of();
  }

  /** The figures of each load step, for a stepped run; none by default. */
  protected List<SlaSummary.Step> loadSteps(RunResults results) {
    return List.of();
  }

  /** The embedded reference target's settings (its capacity model, latency); empty against another target. */
  protected java.util.Optional<io.chatload.reference.ReferenceConfig> embeddedReference() {
    return target.embeddedConfig();
  }
}
