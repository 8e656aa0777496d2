package io.chatload.reference.agent;

import io.chatload.contract.AgentEvent;
import java.util.SplittableRandom;

/**
 * How long the emulated agent takes before each event. Two shapes:
 *
 * <ul>
 *   <li>{@code random} (default): each event waits a jittered delay after the previous one
 *       (started 60–140 ms, thinking 200–500 ms, tool start 100–300 ms, tool run 300–800 ms,
 *       completed 200–400 ms), so a run takes about 1–3 s;
 *   <li>{@code fixed:a,b,c,d,e}: no jitter and exactly one event of each type, at a, b, c, d, e
 *       ms after the user's message (cumulative, non-decreasing) — for accuracy benchmarks.
 * </ul>
 *
 * Every delay is multiplied by {@code scale} ({@code reference.latencyScale} times the {@code
 * slow} fault's factor); scale 0 sends as fast as possible.
 */
public final class LatencyModel {
  public static final String ACCEPTED = "random | fixed:<started>,<thinking>,<tool_executing>,<tool_completed>,<completed> (cumulative ms)";

  private static final long[][] RANDOM_RANGES = {
    {60, 140}, // agent_started
    {200, 500}, // agent_thinking
    {100, 300}, // tool_executing
    {300, 800}, // tool_completed
    {200, 400}, // agent_completed
  };

  private final long[] fixedCumulative; // null in random mode
  private final String spec;

  private LatencyModel(String spec, long[] fixedCumulative) {
    this.spec = spec;
    this.fixedCumulative = fixedCumulative;
  }

  public static LatencyModel random() {
    return new LatencyModel("random", null);
  }

  /** Parses {@code random} or {@code fixed:a,b,c,d,e}; blank means random. */
  public static LatencyModel parse(String spec) {
    if (spec == null || spec.isBlank() || spec.trim().equals("random")) {
      return random();
    }
    String s = spec.trim();
    if (!s.startsWith("fixed:")) {
      throw new IllegalArgumentException("unknown latency model '" + s + "'; accepted: " + ACCEPTED);
    }
    String[] parts = s.substring("fixed:".length()).split(",", -1);
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "'" + s + "' needs exactly 5 cumulative delays, got " + parts.length + "; accepted: " + ACCEPTED);
    }
    long[] at = new long[5];
    for (int i = 0; i < 5; i++) {
      try {
        at[i] = Long.parseLong(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + parts[i] + "' in '" + s + "' is not a whole number of ms; accepted: " + ACCEPTED);
      }
      if (at[i] < 0 || (i > 0 && at[i] < at[i - 1])) {
        throw new IllegalArgumentException(
            "delays in '" + s + "' must be non-negative and non-decreasing; accepted: " + ACCEPTED);
      }
    }
    return new LatencyModel("fixed:" + at[0] + "," + at[1] + "," + at[2] + "," + at[3] + "," + at[4], at);
  }

  public boolean isFixed() {
    return fixedCumulative != null;
  }

  /** Unscaled delay in ms before {@code event}, counted from the previous event (or the message). */
  public long baseDelayMillis(AgentEvent event, SplittableRandom rng) {
    int i = event.ordinal();
    if (fixedCumulative != null) {
      return i == 0 ? fixedCumulative[0] : fixedCumulative[i] - fixedCumulative[i - 1];
    }
    long[] range = RANDOM_RANGES[i];
    return range[0] + rng.nextLong(range[1] - range[0] + 1);
  }

  /** {@link #baseDelayMillis} times {@code scale}, rounded. */
  public long delayMillis(AgentEvent event, SplittableRandom rng, double scale) {
    long base = baseDelayMillis(event, rng);
    return scale == 1.0 ? base : Math.round(base * scale);
  }

  @Override
  public String toString() {
    return spec;
  }
}
