package io.chatload.simulations;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static java.time.Duration.ofSeconds;

import io.chatload.config.LoadSettings;
import io.chatload.config.RunSettings;
import io.chatload.run.LoadProfile;
import java.time.Duration;

/**
 * The platform's per-user rate limit under load: a share of users send faster than the limit
 * ({@code -DmessagesPerMinute}, {@value RunSettings#MESSAGES_PER_MINUTE_LIMIT} by default as in
 * production, PROTOCOL.md; the embedded target's is {@code reference.messagesPerMinute}) — that many
 * messages back to back, then {@link #OVER} more — while the others chat normally. SLAs: every
 * message within the limit starts a run ("burst accepted"), every one over it gets the platform's
 * rate-limit answer and starts no run ("rate limited"), and the other users' own SLAs hold, since
 * limits are per user. A platform that does not limit fails ("not rate-limited: a message over the
 * limit of 30 per minute started a run"), e.g. {@code -Dreference.messagesPerMinute=0}.
 */
public class RateLimit extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      LoadSettings.closed(20).ramp(ofSeconds(5)).hold(ofSeconds(20)).turns(3).thinking(ofSeconds(2), ofSeconds(4));
  /** Share of the users that send over the limit. */
  static final double BURSTY_SHARE = 0.2;
  /** Messages each bursty user sends beyond the limit. */
  static final int OVER = 5;

  public RateLimit() {
    super(DEFAULTS);
    var load = run.load();
    int bursty = Math.max(1, (int) Math.round(load.users() * BURSTY_SHARE));
    run(
        LoadProfile.inject(journey.goldenPath("chat within the limit"), load),
        scenario("over the limit")
            .exec(journey.identify(), journey.startJourney(), journey.login())
            .exitHereIfFailed()
            .exec(journey.connect())
            .exitHereIfFailed()
            .exec(journey.overLimitBurst(run.messagesPerMinute(), OVER), journey.close())
            // the bursts start while the others are chatting: in the ramp, not before it
            .injectOpen(rampUsers(bursty).during(load.ramp().isZero() ? Duration.ofSeconds(1) : load.ramp())));
  }
}
