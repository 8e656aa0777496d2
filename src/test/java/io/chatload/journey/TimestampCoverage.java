package io.chatload.journey;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many of the frames the delivery check judged carried a timestamp it could read: a frame
 * without one cannot be judged late, so the run's summary says what share went unjudged (never a
 * silent pass), and how many timestamps had no offset and were taken as UTC. One per run
 * ({@link FrameTally}), shared by its users' Conversations.
 */
public final class TimestampCoverage {
  private final LongAdder judged = new LongAdder();
  private final LongAdder without = new LongAdder();
  private final LongAdder takenAsUtc = new LongAdder();

  TimestampCoverage() {}

  /** The frame's timestamp for the delivery check, counted. */
  OptionalLong read(Frame f) {
    OptionalLong ts = f.timestampMillis();
    judged.increment();
    if (ts.isEmpty()) {
      without.increment();
    } else if (f.timestampLacksOffset()) {
      takenAsUtc.increment();
    }
    return ts;
  }

  /**
   * One sentence for the summary, e.g. "every one of the 1,500 agent events the delivery check judged
   * carried a usable timestamp; timestamps without an offset are taken as UTC".
   */
  public String sentence() {
    return sentence(judged.sum(), without.sum(), takenAsUtc.sum());
  }

  static String sentence(long judged, long without, long takenAsUtc) {
    String utc = takenAsUtc == 0
        ? "timestamps without an offset are taken as UTC (none came)"
        : String.format(Locale.ROOT, "%,d timestamp(s) without an offset were taken as UTC", takenAsUtc);
    if (judged == 0) {
      return "no agent event reached the delivery check; " + utc;
    }
    if (without == 0) {
      return String.format(Locale.ROOT, "every one of the %,d agent events the delivery check judged carried a usable timestamp; %s",
          judged, utc);
    }
    return String.format(Locale.ROOT, "%.1f %% of the %,d agent events the delivery check judged (%,d) carried no usable timestamp"
        + " and could not be judged for late delivery; %s", 100.0 * without / judged, judged, without, utc);
  }
}
