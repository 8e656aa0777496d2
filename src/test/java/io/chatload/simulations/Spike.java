package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import java.time.Duration;

/**
 * A sudden jump from a low to a high arrival rate and back. The SLA is on recovery: every journey
 * that starts after the spike ("journey after spike") must succeed. {@code -Drate} is the high
 * rate, {@code -Dramp} the calm before, {@code -Dhold} the spike itself; the calm after lasts twice
 * the spike.
 */
public class Spike extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      new LoadSettings(Injection.OPEN, 0, 20, Duration.ofSeconds(20), Duration.ofSeconds(20), 1, Duration.ofSeconds(3), Duration.ofSeconds(5));
  static final String AFTER_SPIKE = "journey after spike";

  public Spike() {
    super(DEFAULTS);
    var load = run.load();
    double calmRate = Math.max(1, load.ratePerSec() / 10);
    Duration calmAfter = load.hold().multipliedBy(2);
    long[] spikeEndsAt = new long[1];
    run(scenario("spike")
        .exec(session -> session.set("startedAt", System.currentTimeMillis()))
        .exec(journey.firstJourney(session ->
            session.getLong("startedAt") > spikeEndsAt[0] ? AFTER_SPIKE : null))
        .exec(journey.moreTurns(load.turns() - 1))
        .exec(journey.close())
        .injectOpen(
            constantUsersPerSec(calmRate).during(load.ramp()),
            constantUsersPerSec(load.ratePerSec()).during(load.hold()),
            constantUsersPerSec(calmRate).during(calmAfter)));
    spikeEndsAt[0] = Long.MAX_VALUE; // set for real when the run starts (before())
    this.spikeEnd = () -> spikeEndsAt[0] = System.currentTimeMillis() + load.ramp().plus(load.hold()).toMillis();
  }

  private final Runnable spikeEnd;

  @Override
  public void before() {
    super.before();
    spikeEnd.run();
  }

  @Override
  protected Duration loadDuration() {
    return run.load().ramp().plus(run.load().hold().multipliedBy(3));
  }
}
