package io.chatload.reference.capacity;

/**
 * An LLM provider's rate limit: tokens refill at {@code perSecond}, at most one second's worth
 * (at least one) is banked, and each run start takes one. Not thread-safe: {@link AgentSlots}
 * guards it.
 */
final class TokenBucket {
  private static final long SECOND = 1_000_000_000L;
  private final double perSecond;
  private final double burst;
  private double tokens;
  private long lastNanos;

  TokenBucket(double perSecond, long nowNanos) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, perSecond);
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  boolean available(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1;
  }

  boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until the next token (at least 1 ms, so a retry never spins). */
  long nanosUntilToken(long nowNanos) {
    refill(nowNanos);
    double missing = Math.max(0, 1 - tokens);
    return Math.max(1_000_000L, (long) Math.ceil(missing / perSecond * SECOND));
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * perSecond / SECOND);
      lastNanos = nowNanos;
    }
  }
}
