package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static java.time.Duration.ofSeconds;

import io.chatload.config.LoadSettings;
import io.chatload.journey.ChatJourney;
import io.chatload.run.LoadProfile;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hundreds of distinct users send at the same instant, several rounds: any event delivered to the
 * wrong socket is a KO "cross-user leak", and the SLA allows none. {@code -Dturns} sets the rounds,
 * {@code -DthinkMin} the time between rounds.
 */
public class MultiUserIsolation extends ChatSimulation {
  public static final LoadSettings DEFAULTS =
      LoadSettings.atOnce(200).turns(3).thinking(ofSeconds(6), ofSeconds(6));

  /** Wall-clock rendezvous: robust to users that fail, unlike a counting barrier that would wait for them. */
  private final AtomicLong firstRoundAt = new AtomicLong();

  public MultiUserIsolation() {
    super(DEFAULTS);
    var load = run.load();
    // time for every user to log in and connect before the first round
    long warmUpMillis = Math.max(5_000, load.users() * 20L);
    long roundMillis = load.thinkMin().toMillis();
    run(LoadProfile.inject(
        scenario("multi-user isolation")
            .exec(session -> {
              firstRoundAt.compareAndSet(0, System.currentTimeMillis() + warmUpMillis);
              return session;
            })
            .exec(journey.identify(), journey.startJourney(), journey.login(), exitHereIfFailed(), journey.connect(), exitHereIfFailed())
            .repeat(load.turns(), "round").on(
                pause(session -> Duration.ofMillis(Math.max(0,
                    firstRoundAt.get() + session.getInt("round") * roundMillis - System.currentTimeMillis()))),
                journey.chatTurn(),
                exitHereIfFailed())
            .exec(journey.close()),
        load));
  }

  @Override
  protected Set<String> notSent() {
    Set<String> names = super.notSent();
    names.add(ChatJourney.JOURNEY); // rounds start on the clock, so login → completed is not a journey here
    return names;
  }
}
