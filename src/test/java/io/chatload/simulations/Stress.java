package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.incrementConcurrentUsers;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import io.chatload.guard.RunJudge;
import io.chatload.guard.StepRule;
import io.chatload.report.RunChecks;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import io.chatload.sla.SlaSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity: concurrent users step up ({@code -Dusers} per step, {@code -Dsteps} steps of
 * {@code -Dhold} seconds each) until the SLA breaks: the run stops (auto-stop) once the first step
 * that breaks it has been held and judged, and the run summary names the last step that held — the
 * capacity figure. {@code -Dabort=false} runs every step, to see past the cliff. Bounded: a fixed
 * number of steps.
 */
public class Stress extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      new LoadSettings(Injection.CLOSED, 200, 0, Duration.ofSeconds(10), Duration.ofSeconds(30), 3, Duration.ofSeconds(3), Duration.ofSeconds(5));
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

  private SlaSpec.Threshold completed() {
    return run.sla().events().get("agent_completed");
  }

  private double p95Limit() {
    return completed().p95Ms() == null ? completed().timeoutMs() : completed().p95Ms();
  }

  private double maxErrorPct() {
    return completed().maxErrorPct() == null ? 0 : completed().maxErrorPct();
  }

  /** Stress always injects a closed model, whatever {@code -Dinjection} says. */
  @Override
  protected boolean replacesEndedUsers() {
    return true;
  }

  /** Stop at the end of the first step whose chat turns broke agent_completed's SLA. */
  @Override
  protected List<RunJudge> stopJudges() {
    List<StepRule.Step> holds = levels(0).stream().map(l -> new StepRule.Step(l.users(), l.fromMs(), l.toMs())).toList();
    return List.of(new StepRule(holds, p95Limit(), maxErrorPct()));
  }

  /** The last step whose agent_completed held the SLA's p95 and error share: the capacity figure. */
  @Override
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    List<RunChecks.Step> levels = levels(results.injectStartMillis - results.startMillis);
    SlaSummary.Check capacity = RunChecks.capacity("agent_completed", results.timeline("agent_completed"), levels,
        p95Limit(), maxErrorPct());
    System.out.println("Stress " + capacity.detail());
    // the capacity figure is the finding, not a verdict: a step that breaks the SLA is what Stress looks for
    return List.of(new SlaSummary.Check(capacity.name(), true, capacity.detail()));
  }

  @Override
  protected Duration loadDuration() {
    return run.load().hold().plus(run.load().ramp()).multipliedBy(steps);
  }
}
