package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import io.chatload.journey.Backoff;
import io.chatload.run.LoadProfile;
import java.time.Duration;
import java.util.Map;

/**
 * Users lose their socket mid-run (on the embedded target: its {@code disconnect} fault closes 10 %
 * of runs with 1011), reconnect with the platform's backoff (1 s, ×2, ≤ 30 s, 5 attempts, jitter)
 * and re-send the lost turn. SLA: every user recovers ("recovery" has no KO); its p95 is reported.
 */
public class Reconnect extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      new LoadSettings(Injection.CLOSED, 50, 0, Duration.ofSeconds(10), Duration.ofSeconds(50), 3, Duration.ofSeconds(2), Duration.ofSeconds(4));
  static final Map<String, String> FLAKY_SOCKETS = Map.of("reference.faults", "disconnect=0.1");

  public Reconnect() {
    super(DEFAULTS, FLAKY_SOCKETS);
    var load = run.load();
    Backoff backoff = Backoff.PLATFORM_DEFAULT;
    run(LoadProfile.inject(
        scenario("reconnect")
            .exec(journey.identify(), journey.startJourney(), journey.login())
            .doIf(session -> session.isFailed()).then(journey.endJourney())
            .exec(journey.connect())
            .doIf(session -> session.isFailed()).then(journey.endJourney())
            .exec(journey.resilientTurn(backoff), journey.endJourney())
            .exec(repeat(load.turns() - 1).on(pause(load.thinkMin(), load.thinkMax()), journey.resilientTurn(backoff)))
            .exec(journey.close()),
        load));
  }

  @Override
  protected Duration timeBound() {
    // every turn may need the whole backoff: 1+2+4+8+16 s plus its own timeout
    return super.timeBound().plusSeconds(run.load().turns() * 35L);
  }
}
