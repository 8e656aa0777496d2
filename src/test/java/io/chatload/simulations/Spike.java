package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static java.time.Duration.ofSeconds;

import io.chatload.config.LoadSettings;
import io.chatload.report.Recovery;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import java.time.Duration;
import java.util.List;

/**
 * A sudden jump from a low to a high arrival rate and back. The SLA is on recovery: every journey
 * that starts after the spike ("journey after spike") must succeed. {@code -Drate} is the high
 * rate, {@code -Dramp} the calm before, {@code -Dhold} the spike itself; the calm after lasts twice
 * the spike.
 */
public class Spike extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      LoadSettings.open(20).ramp(ofSeconds(20)).hold(ofSeconds(20)).turns(1).thinking(ofSeconds(3), ofSeconds(5));
  static final String AFTER_SPIKE = "journey after spike";
  /** The event whose p95 shows the excursion and the recovery. */
  static final String JUDGED = "agent_completed";

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

  /**
   * The excursion and the recovery: the worst agent_completed p95 from the spike on, and the first
   * window after the spike whose p95 is back under its SLA — the time to recover.
   */
  @Override
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    var load = run.load();
    double limit = run.sla().events().get(JUDGED).p95OrTimeoutMs();
    long spikeFrom = results.injectStartMillis - results.startMillis + load.ramp().toMillis();
    long spikeEnd = spikeFrom + load.hold().toMillis();
    long end = spikeEnd + load.hold().multipliedBy(2).toMillis();
    long window = Math.max(1000, Math.min(5000, load.hold().toMillis() / 4));
    SlaSummary.Check recovery = Recovery.check(JUDGED, results.timeline(JUDGED), spikeFrom, spikeEnd, end, window, limit);
    System.out.println("Spike " + recovery.detail());
    return List.of(recovery);
  }

  @Override
  protected Duration loadDuration() {
    return run.load().ramp().plus(run.load().hold().multipliedBy(3));
  }
}
