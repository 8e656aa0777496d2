package io.chatload.reference.capacity;

import java.time.Duration;

/**
 * The reference target's opt-in capacity model: {@code workers} agent slots, a FIFO queue of at
 * most {@code queueLimit} waiting runs, and an optional provider rate limit of {@code
 * runsPerSecond} run starts per second (token bucket, burst of one second's worth).
 *
 * @param workers agent slots; 0 = unlimited (the model is off unless a rate limit is set)
 * @param queueLimit runs that may wait for a slot; a run beyond it is rejected as overloaded
 * @param runsPerSecond run starts per second; 0 = no rate limit
 */
public record CapacityConfig(int workers, int queueLimit, double runsPerSecond) {
  /** No model: every run starts at once, as before the model existed. */
  public static final CapacityConfig OFF = new CapacityConfig(0, Integer.MAX_VALUE, 0);

  /**
   * How long a stalled run (one that never sends agent_completed) keeps its slot when its socket
   * stays open: the contract's agent_completed timeout, after which a real platform's worker gives up.
   */
  public static final Duration STALLED_RUN_HOLD = Duration.ofSeconds(30);

  public CapacityConfig {
    if (workers < 0) {
      throw new IllegalArgumentException("reference.capacity=" + workers + " is invalid; accepted: an integer >= 0 (0 = off)");
    }
    if (queueLimit < 0) {
      throw new IllegalArgumentException("reference.queueLimit=" + queueLimit + " is invalid; accepted: an integer >= 0");
    }
    if (!(runsPerSecond >= 0) || Double.isInfinite(runsPerSecond)) {
      throw new IllegalArgumentException("reference.runsPerSecond=" + runsPerSecond + " is invalid; accepted: a number >= 0 (0 = off)");
    }
    if (workers == 0 && runsPerSecond == 0 && queueLimit != Integer.MAX_VALUE) {
      throw new IllegalArgumentException("reference.queueLimit=" + queueLimit
          + " needs reference.capacity (workers) or reference.runsPerSecond: without them nothing ever waits");
    }
  }

  /** Whether runs can wait at all; off means every run starts when its message arrives. */
  public boolean enabled() {
    return workers > 0 || runsPerSecond > 0;
  }

  /** Queue length above which {@code /health} answers degraded: more than one full round of slots waiting. */
  public int degradedQueueLength() {
    return workers > 0 ? workers : (int) Math.max(1, Math.ceil(runsPerSecond));
  }

  @Override
  public String toString() {
    if (!enabled()) {
      return "off";
    }
    return (workers > 0 ? workers + " workers" : "unlimited workers")
        + ", queue " + (queueLimit == Integer.MAX_VALUE ? "unbounded" : "≤ " + queueLimit)
        + (runsPerSecond > 0 ? ", " + runsPerSecond + " runs/s" : "");
  }
}
