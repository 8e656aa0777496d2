package io.chatload.reference.agent;

/**
 * How a target names a run. Both styles take the same random draw, so a seed stays reproducible
 * whichever the dialect.
 */
public enum RunIds {
  /** {@code run_<n in base 36>_<hex>}: the reference target's own. */
  SEQUENTIAL,
  /**
   * {@code thread_<thread id>_run_<epoch ms>_<8 hex>}, as staging captured the payload era's run ids
   * (PROTOCOL.md, "A captured event"): the thread the run belongs to is part of its id.
   */
  THREAD_SCOPED;

  String runId(long n, long random, String threadId, long nowMillis) {
    if (this == THREAD_SCOPED) {
      return "thread_" + threadId + "_run_" + nowMillis + "_" + String.format("%08x", random & 0xFFFF_FFFFL);
    }
    return "run_" + Long.toString(n, 36) + "_" + Long.toHexString(random);
  }
}
