package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

import io.chatload.config.AuthMode;
import io.chatload.config.ConfigurationException;
import io.chatload.config.LoadSettings;
import io.chatload.config.RunSettings;
import io.chatload.journey.ChatJourney;
import io.chatload.journey.TargetLifecycle;
import io.chatload.report.RunChecks;
import io.chatload.report.RunResults;
import io.chatload.report.RunSummary;
import io.chatload.report.SlaSummary;
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
    System.out.printf("%s%n  %s%n  %s%n  SLA: %s%n",
        getClass().getSimpleName(), run.target().describe(), run.load().describe(), run.sla().source());
  }

  private static RunSettings settingsOrExit(String simulation, LoadSettings defaults) {
    try {
      return RunSettings.load(simulation, defaults);
    } catch (ConfigurationException e) {
      RunAborted.exit(RunAborted.CONFIGURATION, e.getMessage());
      throw e;
    }
  }

  private static TargetLifecycle lifecycleOrExit(RunSettings run, Map<String, String> referenceDefaults) {
    try {
      return new TargetLifecycle(run.target(), referenceDefaults);
    } catch (ConfigurationException e) {
      RunAborted.exit(RunAborted.CONFIGURATION, e.getMessage());
      throw e;
    }
  }

  /** Registers the populations with the protocol, the SLA assertions and a hard time bound. */
  protected void run(PopulationBuilder... populations) {
    List<PopulationBuilder> all = new ArrayList<>(List.of(populations));
    if (!run.healthInterval().isZero()) {
      Duration probing = loadDuration().isZero() ? run.healthInterval() : loadDuration();
      all.add(journey.healthProbe(probing, run.healthInterval()).injectOpen(atOnceUsers(1)));
    }
    setUp(all)
        .protocols(journey.protocol())
        .assertions(SlaAssertions.of(run.sla(), notSent()))
        .maxDuration(timeBound());
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

  @Override
  public void before() {
    try {
      target.start();
    } catch (ConfigurationException e) {
      target.close();
      RunAborted.exit(RunAborted.CONFIGURATION, e.getMessage());
    } catch (TargetLifecycle.PreflightFailed e) {
      target.close();
      RunAborted.exit(RunAborted.PREFLIGHT, e.getMessage());
    }
    injectorWatch.start();
  }

  @Override
  public void after() {
    SlaSummary.Injector injector = injectorWatch.stop();
    target.close();
    RunSummary.afterGatlingExits(getClass().getSimpleName(), run, injector, results -> {
      List<SlaSummary.Check> checks = new ArrayList<>(runChecks(results));
      SlaSummary.Check refresh = RunChecks.ifSent(results, ChatJourney.REFRESH, run.sla().requests().get(ChatJourney.REFRESH));
      if (refresh != null) {
        checks.add(0, refresh);
      }
      return checks;
    });
  }

  /**
   * Verdicts over the whole run that Gatling assertions cannot express (drift, capacity, heap),
   * computed from the run's results once Gatling has written them; none by default.
   */
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    return List.of();
  }
}
