package io.chatload.guard;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a user whose journey failed keeps its slot before it ends (and a closed model replaces
 * it): one think time, doubled for every further failure in a row across all users, up to
 * {@code max}; a new user's journey (login, connect, first turn) that succeeds starts the count
 * again — not a later turn of a user who got in before the failure began. Without it a failing platform is
 * hammered: each failed login ends a user at once and its replacement logs in at once. Only a closed
 * model replaces users, and only while it injects, so the back-off is armed for that time alone
 * ({@link #armUntil}) and never outlasts it: an at-once or open run ends its failed users at once.
 */
public final class FailureBackoff {
  /** The longest wait: the platform client's own reconnect ceiling. */
  public static final Duration MAX = Duration.ofSeconds(30);

  private final Duration thinkMin;
  private final Duration thinkMax;
  private final Duration max;
  private final AtomicInteger failuresInARow = new AtomicInteger();
  private volatile long armedUntil;

  public FailureBackoff(Duration thinkMin, Duration thinkMax, Duration max) {
    this.thinkMin = thinkMin;
    this.thinkMax = thinkMax;
    this.max = max;
  }

  /** Failed users wait until {@code epochMillis} at the latest (the end of a closed model's injection). */
  public void armUntil(long epochMillis) {
    armedUntil = epochMillis;
  }

  /** A journey failed: the wait before this user may end (none once the back-off is not armed). */
  public Duration failed() {
    long left = armedUntil - System.currentTimeMillis();
    if (left <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(Math.min(left, grow().toMillis()));
  }

  private Duration grow() {
    int streak = failuresInARow.incrementAndGet();
    long lo = Math.max(1_000, thinkMin.toMillis());
    long hi = Math.max(lo, thinkMax.toMillis());
    long think = lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
    double grown = think * Math.pow(2, Math.min(streak - 1, 16));
    // jitter under the ceiling too, so users that failed together do not come back together
    double ceiling = max.toMillis() * (0.75 + 0.25 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.round(Math.min(grown, ceiling)));
  }

  /** A new user's journey succeeded: the platform serves again. */
  public void succeeded() {
    if (failuresInARow.get() != 0) {
      failuresInARow.set(0);
    }
  }

  int failuresInARow() {
    return failuresInARow.get();
  }
}
