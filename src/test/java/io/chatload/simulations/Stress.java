package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.incrementConcurrentUsers;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import io.chatload.report.RunChecks;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity: concurrent users step up ({@code -Dusers} per step, {@code -Dsteps} steps of
 * {@code -Dhold} seconds each) until the SLA breaks. The run summary names the last step that
 * held — the capacity figure — instead of only failing. Bounded: a fixed number of steps.
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

  /** The last step whose agent_completed held the SLA's p95 and error share: the capacity figure. */
  @Override
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    var load = run.load();
    var sla = run.sla().events().get("agent_completed");
    long levelStart = results.injectStartMillis - results.startMillis;
    List<RunChecks.Step> levels = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      long from = levelStart + k * load.ramp().plus(load.hold()).toMillis() + load.ramp().toMillis();
      levels.add(new RunChecks.Step((k + 1) * load.users(), from, from + load.hold().toMillis()));
    }
    SlaSummary.Check capacity = RunChecks.capacity("agent_completed", results.timeline("agent_completed"), levels,
        sla.p95Ms() == null ? sla.timeoutMs() : sla.p95Ms(), sla.maxErrorPct() == null ? 0 : sla.maxErrorPct());
    System.out.println("Stress " + capacity.detail());
    // the capacity figure is the finding, not a verdict: a step that breaks the SLA is what Stress looks for
    return List.of(new SlaSummary.Check(capacity.name(), true, capacity.detail()));
  }

  @Override
  protected Duration loadDuration() {
    return run.load().hold().plus(run.load().ramp()).multipliedBy(steps);
  }
}
