package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.incrementConcurrentUsers;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import java.time.Duration;

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

  @Override
  protected Duration loadDuration() {
    return run.load().hold().plus(run.load().ramp()).multipliedBy(steps);
  }
}
