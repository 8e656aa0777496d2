package io.chatload.journey;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnection delays: exponential with jitter, capped — the platform client's defaults are 1 s
 * initial, ×2, at most 30 s, 5 attempts. Jitter keeps thousands of users that lost their sockets
 * together from reconnecting together.
 */
public record Backoff(Duration initial, double multiplier, Duration max, int attempts, double jitter) {
  public static final Backoff PLATFORM_DEFAULT = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 5, 0.2);

  /** The wait before reconnect attempt {@code attempt} (1-based). */
  public Duration delay(int attempt) {
    double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(base, max.toMillis());
    double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis(Math.round(capped * factor));
  }
}
