package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static java.time.Duration.ofSeconds;

import io.chatload.config.AfterReconnect;
import io.chatload.config.LoadSettings;
import io.chatload.journey.Backoff;
import io.chatload.journey.ChatJourney;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import io.chatload.run.LoadProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users lose their socket mid-run (on the embedded target: its {@code disconnect} fault closes 10 %
 * of runs with 1011, from 4 s after its start), reconnect with the platform's backoff (1 s, ×2, ≤ 30 s, 5 attempts, jitter)
 * and await the rest of the interrupted run, which the platform's message buffer promises to
 * deliver: each of the five events exactly once, in order, across the gap. SLAs: every user recovers
 * ("recovery" has no KO), no event is lost or duplicated ("lost", "duplicated"), the replay starts
 * fast ("replay" p95). {@code -Dreconnect=resend} re-sends the lost turn instead, for a platform
 * that keeps nothing for an absent user.
 */
public class Reconnect extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      LoadSettings.closed(50).ramp(ofSeconds(10)).hold(ofSeconds(50)).turns(3).thinking(ofSeconds(2), ofSeconds(4));
  /**
   * From 4 s after the target started, past the pre-flight: the pre-flight logs in as the first virtual
   * user, and the rest of a pre-flight run the fault cut would be that user's to receive, on a thread
   * it never opened.
   */
  static final Map<String, String> FLAKY_SOCKETS = Map.of("reference.faults", "disconnect=0.1@4s");

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
            .exec(repeat(load.turns() - 1).on(pause(load.thinkMin(), load.thinkMax()), journey.resilientTurn(backoff), journey.backOffIfFailed()))
            .exec(journey.close()),
        load));
  }

  @Override
  protected Set<String> notSent() {
    Set<String> names = super.notSent();
    if (run.afterReconnect() == AfterReconnect.RESEND) {
      names.addAll(List.of(ChatJourney.REPLAY, ChatJourney.LOST, ChatJourney.DUPLICATED));
    }
    return names;
  }

  /** A platform that replayed nothing at all gets one sentence, not only a wall of "lost" KOs. */
  @Override
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    if (run.afterReconnect() != AfterReconnect.REPLAY) {
      return List.of();
    }
    return results.request(ChatJourney.REPLAY).map(replay -> {
      boolean noneReplayed = replay.count() > 0 && replay.ko() == replay.count();
      String detail = noneReplayed
          ? "none of the " + replay.count() + " interrupted runs had any event delivered after its reconnect: this platform seems to keep"
              + " nothing for a user whose socket is gone (no message buffer, or it is off). If that is by design, -Dreconnect=resend"
              + " sends the interrupted turn again instead."
          : (replay.count() - replay.ko()) + " of " + replay.count() + " interrupted runs resumed on the new socket";
      if (noneReplayed) {
        System.out.println("\n!!! " + detail);
      }
      return List.of(new SlaSummary.Check("the platform delivers a lost socket's events on reconnect", !noneReplayed, detail));
    }).getOrElse(List::of);
  }

  @Override
  protected Duration timeBound() {
    // every turn may need the whole backoff: 1+2+4+8+16 s plus its own timeout
    return super.timeBound().plusSeconds(run.load().turns() * 35L);
  }
}
