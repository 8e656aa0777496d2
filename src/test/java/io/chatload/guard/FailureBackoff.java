package io.chatload.guard;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a user whose journey failed keeps its slot before it ends (and a closed model replaces
 * it): one think time, doubled for every further failure in a row across all users, up to
 * {@code max}; a journey (login, connect, first turn) that began after the failures did and
 * succeeded starts the count again — not one that got in before they began. Without it a failing platform is
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
  /** When the current run of failures began (epoch ms); 0 while none. */
  private volatile long failingSince;

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
    if (streak == 1) {
      failingSince = System.currentTimeMillis();
    }
    long lo = Math.max(1_000, thinkMin.toMillis());
    long hi = Math.max(lo, thinkMax.toMillis());
    long think = lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
    double grown = think * Math.pow(2, Math.min(streak - 1, 16));
    // jitter under the ceiling too, so users that failed together do not come back together
    double ceiling = max.toMillis() * (0.75 + 0.25 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.round(Math.min(grown, ceiling)));
  }

  /** A journey that began at {@code startedMillis} succeeded: if it began after the failures did, the platform serves again. */
  public void succeeded(long startedMillis) {
    if (failuresInARow.get() != 0 && startedMillis > failingSince) {
      failuresInARow.set(0);
      failingSince = 0;
    }
  }

  int failuresInARow() {
    return failuresInARow.get();
  }
}
