package io.chatload.endtoend;

import io.chatload.report.RunResults;
import java.util.Locale;

/** Login attempts (OK and KO) a finished run sent over a span of it, from its simulation.log. */
record LoginRate(long logins, double seconds) {

  /** Attempts answered in [{@code fromMs}, {@code toMs}) after the run's start. */
  static LoginRate of(RunResults results, long fromMs, long toMs) {
    long n = 0;
    for (RunResults.Bucket b : results.timeline("login")) {
      if (b.offsetMs() >= fromMs && b.offsetMs() < toMs) {
        n += b.oks() + b.kos();
      }
    }
    return new LoginRate(n, Math.max(1, toMs - fromMs) / 1000.0);
  }

  double perSecond() {
    return logins / seconds;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d logins in %.1f s (%.2f/s)", logins, seconds, perSecond());
  }
}
