package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.incrementConcurrentUsers;
import static java.time.Duration.ofSeconds;

import io.chatload.config.LoadSettings;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.capacity.ClosedModel;
import io.chatload.reference.capacity.RunDuration;
import io.chatload.report.LoadSteps;
import io.chatload.guard.RunJudge;
import io.chatload.guard.StepRule;
import io.chatload.journey.ChatJourney;
import io.chatload.report.RunChecks;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Capacity: concurrent users step up ({@code -Dusers} per step, {@code -Dsteps} steps of
 * {@code -Dhold} seconds each) until the SLA breaks: the run stops (auto-stop) once the first step
 * that breaks it has been held and judged, and the run summary names the last step that held — the
 * capacity figure. {@code -Dabort=false} runs every step, to see past the cliff. Bounded: a fixed
 * number of steps.
 */
public class Stress extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      LoadSettings.closed(200).ramp(ofSeconds(10)).hold(ofSeconds(30)).turns(3).thinking(ofSeconds(3), ofSeconds(5));
  /** The event whose p95 and error share judge each step: the user waits for the answer. */
  static final String JUDGED = "agent_completed";
  private final int steps;

  public Stress() {
    super(DEFAULTS);
    var load = run.load();
    this.steps = run.steps();
    System.out.printf("  stepping: %d steps of +%d users, each held %ds after a %ds ramp%n",
        steps, load.users(), load.hold().toSeconds(), load.ramp().toSeconds());
    run(journey.goldenPath("stress").injectClosed(
        incrementConcurrentUsers(load.users())
            .times(steps)
            .eachLevelLasting(load.hold())
            .separatedByRampsLasting(load.ramp())
            .startingFrom(0)));
  }

  /** The last step whose agent_completed held the SLA's p95 and error share: the capacity figure. */
  @Override
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    List<SlaSummary.Step> figures = loadSteps(results);
    SlaSummary.Check capacity = RunChecks.capacity(JUDGED, figures, p95LimitMs(), maxErrorPct());
    System.out.print("Stress steps (each judged on its hold window after the ramp):\n" + LoadSteps.table(JUDGED, figures));
    System.out.println("Stress " + capacity.detail());
    String plateau = LoadSteps.plateau(figures);
    System.out.println("Stress " + plateau);
    List<SlaSummary.Check> checks = new ArrayList<>();
    // the capacity figure is the finding, not a verdict: a step that breaks the SLA is what Stress looks for
    checks.add(new SlaSummary.Check(capacity.name(), true, capacity.detail()));
    checks.add(new SlaSummary.Check("throughput plateau (first step growing < " + (int) LoadSteps.MIN_GROWTH_PCT + " %)", true, plateau));
    // the platform team's own figures under stress (seed plan 002), where the SLA file gives them
    var seed = run.sla().stress();
    if (seed.minMessagesPerSec() != null) {
      checks.add(RunChecks.messagesPerSecUnderLoad(figures, seed.minMessagesPerSec()));
    }
    if (seed.maxNeverCompletedPct() != null) {
      checks.add(RunChecks.neverCompleted(results, ChatJourney.JOURNEY, seed.maxNeverCompletedPct()));
    }
    theory(results).ifPresent(t -> {
      String versus = t.versus(lastHeld(figures), figures, LoadSteps.throughputStoppedAt(figures));
      System.out.println("Stress " + t.sentence());
      System.out.println("Stress vs theory: " + versus);
      checks.add(new SlaSummary.Check("capacity model of the embedded target (Little's law)", true, t.sentence() + "; " + versus));
    });
    return checks;
  }

  @Override
  protected List<SlaSummary.Step> loadSteps(RunResults results) {
    List<RunChecks.Step> ran = windows(results);
    return LoadSteps.measure(results.timeline(JUDGED), ran, p95LimitMs(), maxErrorPct(), stoppedInLastStep(ran));
  }

  /** Fewer steps ran than were planned: the live step judge stopped the run in the last one. */
  private boolean stoppedInLastStep(List<RunChecks.Step> ran) {
    return ran.size() < steps;
  }

  /** Each step's hold window after its ramp, as offsets from the run's start. */
  private List<RunChecks.Step> windows(RunResults results) {
    // a run the auto-stop ended after its first broken step has no figures for the steps it never reached
    long injectedUntil = results.injectEndMillis - results.startMillis + 1000;
    return levels(results.injectStartMillis - results.startMillis).stream().filter(l -> l.toMs() <= injectedUntil).toList();
  }

  /** The steps' holds, from {@code levelStart} ms: the same for the live judge and the summary. */
  private List<RunChecks.Step> levels(long levelStart) {
    var load = run.load();
    List<RunChecks.Step> levels = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      long from = levelStart + k * load.ramp().plus(load.hold()).toMillis() + load.ramp().toMillis();
      levels.add(new RunChecks.Step((k + 1) * load.users(), from, from + load.hold().toMillis()));
    }
    return levels;
  }

  /** Stress always injects a closed model, whatever {@code -Dinjection} says. */
  @Override
  protected boolean replacesEndedUsers() {
    return true;
  }

  /** Stop at the end of the first step whose chat turns broke agent_completed's SLA (auto-stop; -Dabort=false runs every step). */
  @Override
  protected List<RunJudge> stopJudges() {
    List<StepRule.Step> holds = levels(0).stream().map(l -> new StepRule.Step(l.users(), l.fromMs(), l.toMs())).toList();
    return List.of(new StepRule(holds, p95LimitMs(), maxErrorPct()));
  }

  private double p95LimitMs() {
    return run.sla().events().get(JUDGED).p95OrTimeoutMs();
  }

  private double maxErrorPct() {
    var sla = run.sla().events().get(JUDGED);
    return sla.maxErrorPct() == null ? 0 : sla.maxErrorPct();
  }

  /** The users of the last step before the first that broke the SLA; 0 when none held. */
  private static int lastHeld(List<SlaSummary.Step> steps) {
    int held = 0;
    for (SlaSummary.Step step : steps) {
      if (!step.held()) {
        break;
      }
      held = step.users();
    }
    return held;
  }

  /**
   * Where Little's law puts the knee and the SLA break for the embedded target's capacity model, with
   * the think time per run this closed model gives: a user thinks between its turns, not after the
   * last, and its replacement logs in and connects first.
   */
  private Optional<Theory> theory(RunResults results) {
    Optional<ReferenceConfig> ref = embeddedReference().filter(c -> c.capacity().workers() > 0);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    var load = run.load();
    RunDuration t = RunDuration.of(ref.get());
    double thinkMs = (load.thinkMin().toMillis() + load.thinkMax().toMillis()) / 2.0;
    double setupMs = p50(results, "login") + p50(results, "connect") + p50(results, "welcome");
    double zMs = (thinkMs * (load.turns() - 1) + setupMs) / load.turns();
    return Optional.of(new Theory(new ClosedModel(ref.get().capacity().workers(), t.meanMs(), zMs), t, thinkMs, setupMs,
        load.turns(), p95LimitMs()));
  }

  /** Little's-law figures of one run's settings, and how the measured ones compare. */
  private record Theory(ClosedModel model, RunDuration run, double thinkMs, double setupMs, int turns, double slaMs) {
    double nS() {
      return model.usersAtResponse(slaMs);
    }

    String sentence() {
      double spread = run.p95Ms() - run.meanMs();
      return String.format(Locale.ROOT,
          "theory: W=%d slots, T=%.0f ms per run (p95 %.0f), Z=%.0f ms per run (think %.0f ms × %d/%d turns + login/connect %.0f ms / %d)"
              + " → throughput saturates at W/T=%.2f runs/s beyond N*=%.1f users; the %s p95 SLA of %.0f ms breaks near N_S=%.1f users"
              + " (mean response = S; %.1f with p95 ≈ mean + %.0f ms)",
          model.workers(), run.meanMs(), run.p95Ms(), model.thinkMs(), thinkMs, turns - 1, turns, setupMs, turns,
          model.saturationRunsPerSec(), model.kneeUsers(), JUDGED, slaMs, nS(), model.usersAtResponse(slaMs - spread), spread);
    }

    String versus(int capacity, List<SlaSummary.Step> steps, Optional<Integer> stoppedAt) {
      String knee = stoppedAt.map(k -> String.format(Locale.ROOT, "throughput stopped growing at %d users (N*=%.1f)",
          steps.get(k).users(), model.kneeUsers())).orElse("throughput never stopped growing (N*=" + Math.round(model.kneeUsers()) + ")");
      double top = steps.stream().mapToDouble(SlaSummary.Step::throughputPerSec).max().orElse(0);
      return String.format(Locale.ROOT, "capacity %d users = %+.1f %% of N_S=%.1f; %s; plateau %.2f runs/s = %+.1f %% of W/T=%.2f",
          capacity, 100.0 * (capacity - nS()) / nS(), nS(), knee, top,
          100.0 * (top - model.saturationRunsPerSec()) / model.saturationRunsPerSec(), model.saturationRunsPerSec());
    }
  }

  private static double p50(RunResults results, String request) {
    return results.request(request).map(r -> (double) r.p50()).getOrElse(() -> 0.0);
  }

  @Override
  protected Duration loadDuration() {
    return run.load().hold().plus(run.load().ramp()).multipliedBy(steps);
  }
}
