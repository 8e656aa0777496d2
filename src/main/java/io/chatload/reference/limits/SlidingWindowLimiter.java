package io.chatload.reference.limits;

/**
 * At most {@code limit} permits in any sliding window of the last {@code windowSeconds} seconds,
 * counted in one-second buckets: memory is constant whatever the limit (a benchmark may raise it
 * to millions). One instance per user, shared by that user's sockets.
 */
public final class SlidingWindowLimiter {
  private final int limit;
  private final int windowSeconds;
  private final long[] bucketSecond;
  private final int[] bucketCount;

  public SlidingWindowLimiter(int limit, int windowSeconds) {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
    this.bucketSecond = new long[windowSeconds];
    this.bucketCount = new int[windowSeconds];
    java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
  }

  /** Takes a permit at {@code nowMillis} if the window has room; refused attempts do not count. */
  public synchronized boolean tryAcquire(long nowMillis) {
    long second = nowMillis / 1000;
    long total = 0;
    for (int i = 0; i < windowSeconds; i++) {
      if (bucketSecond[i] > second - windowSeconds) {
        total += bucketCount[i];
      }
    }
    if (total >= limit) {
      return false;
    }
    int idx = (int) Math.floorMod(second, (long) windowSeconds);
    if (bucketSecond[idx] != second) {
      bucketSecond[idx] = second;
      bucketCount[idx] = 0;
    }
    bucketCount[idx]++;
    return true;
  }

  /** Whether no permit was granted within the window before {@code nowMillis}. */
  public synchronized boolean idleSince(long nowMillis) {
    long second = nowMillis / 1000;
    for (int i = 0; i < windowSeconds; i++) {
      if (bucketSecond[i] > second - windowSeconds && bucketCount[i] > 0) {
        return false;
      }
    }
    return true;
  }
}
