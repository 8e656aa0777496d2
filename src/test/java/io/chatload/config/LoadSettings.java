package io.chatload.config;

import java.time.Duration;

/**
 * The shape of the load: how many users, how they arrive, how many chat turns each makes and how
 * long each thinks between turns. Each simulation supplies its defaults; -D properties override.
 */
public record LoadSettings(
    Injection injection,
    int users,
    double ratePerSec,
    Duration ramp,
    Duration hold,
    int turns,
    Duration thinkMin,
    Duration thinkMax) {

  /**
   * Closed: a fixed number of concurrent users. Open: a fixed arrival rate of new users. At-once:
   * {@code users} users started together (or spread evenly over the ramp).
   */
  public enum Injection {
    CLOSED,
    OPEN,
    AT_ONCE
  }

  public Duration duration() {
    return ramp.plus(hold);
  }

  public String describe() {
    String shape;
    switch (injection) {
      case CLOSED:
        shape = String.format("closed model: ramp to %d concurrent users over %ds, hold %ds", users, ramp.toSeconds(), hold.toSeconds());
        break;
      case OPEN:
        shape = String.format("open model: ramp to %.1f new users/s over %ds, hold %ds", ratePerSec, ramp.toSeconds(), hold.toSeconds());
        break;
      default:
        shape = String.format("%d users at once%s", users, ramp.isZero() ? "" : " spread over " + ramp.toSeconds() + "s");
    }
    return String.format(
        "%s; %d chat turn(s) per user, think time %.1f-%.1f s",
        shape, turns, thinkMin.toMillis() / 1000.0, thinkMax.toMillis() / 1000.0);
  }
}
