package io.chatload.config;

import java.time.Duration;

/**
 * The shape of the load: how many users, how they arrive, how many chat turns each makes and how
 * long each thinks between turns. Each simulation supplies its defaults, written as the load reads
 * ({@code LoadSettings.closed(500).ramp(ofSeconds(60)).hold(ofSeconds(120)).turns(3).thinking(ofSeconds(3), ofSeconds(5))});
 * -D properties override.
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

  /** {@code users} concurrent users, each replaced when it ends (closed model); no ramp, no hold, one turn, no think time yet. */
  public static LoadSettings closed(int users) {
    return new LoadSettings(Injection.CLOSED, users, 0, Duration.ZERO, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO);
  }

  /** {@code newUsersPerSec} new users a second (open model); no ramp, no hold, one turn, no think time yet. */
  public static LoadSettings open(double newUsersPerSec) {
    return new LoadSettings(Injection.OPEN, 0, newUsersPerSec, Duration.ZERO, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO);
  }

  /** {@code users} users started together (or spread over a ramp); one turn, no think time yet. */
  public static LoadSettings atOnce(int users) {
    return new LoadSettings(Injection.AT_ONCE, users, 0, Duration.ZERO, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO);
  }

  /** This load, ramping up over {@code ramp}. */
  public LoadSettings ramp(Duration ramp) {
    return new LoadSettings(injection, users, ratePerSec, ramp, hold, turns, thinkMin, thinkMax);
  }

  /** This load, held for {@code hold} after the ramp. */
  public LoadSettings hold(Duration hold) {
    return new LoadSettings(injection, users, ratePerSec, ramp, hold, turns, thinkMin, thinkMax);
  }

  /** This load with {@code turns} chat turns per user. */
  public LoadSettings turns(int turns) {
    return new LoadSettings(injection, users, ratePerSec, ramp, hold, turns, thinkMin, thinkMax);
  }

  /** This load with each user thinking between {@code min} and {@code max} between its turns. */
  public LoadSettings thinking(Duration min, Duration max) {
    return new LoadSettings(injection, users, ratePerSec, ramp, hold, turns, min, max);
  }

  /** This load with {@code newUsersPerSec} new users a second: the rate a {@code -Dinjection=open} run of it uses. */
  public LoadSettings ratePerSec(double newUsersPerSec) {
    return new LoadSettings(injection, users, newUsersPerSec, ramp, hold, turns, thinkMin, thinkMax);
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
