package io.chatload.reference.limits;

/**
 * At most {@code limit} permits in any sliding window of {@code windowMillis} (a ring of the
 * last {@code limit} grant times). One instance per user, shared by that user's sockets.
 */
public final class SlidingWindowLimiter {
  private final long[] grants;
  private final long windowMillis;
  private int oldest;
  private int count;

  public SlidingWindowLimiter(int limit, long windowMillis) {
    this.grants = new long[limit];
    this.windowMillis = windowMillis;
  }

  /** Takes a permit at {@code nowMillis} if the window has room; refused attempts do not count. */
  public synchronized boolean tryAcquire(long nowMillis) {
    if (count < grants.length) {
      grants[(oldest + count) % grants.length] = nowMillis;
      count++;
      return true;
    }
    if (nowMillis - grants[oldest] < windowMillis) {
      return false;
    }
    grants[oldest] = nowMillis;
    oldest = (oldest + 1) % grants.length;
    return true;
  }

  /** Whether no permit was granted within the window before {@code nowMillis}. */
  public synchronized boolean idleSince(long nowMillis) {
    return count == 0 || nowMillis - grants[(oldest + count - 1) % grants.length] >= windowMillis;
  }
}
