package io.chatload.injector;

import io.chatload.config.ConfigurationException;
import io.chatload.config.Settings;
import java.util.Locale;

/**
 * How the injector watches itself (io.chatload.injector.InjectorWatch) and when it calls itself
 * saturated: its process CPU at or above {@code cpuPct} % of all cores for {@code cpuSeconds}
 * seconds in a row, or the p99 of how late its event loops (or a 100 ms timer) ran at or above {@code timerLagP99Ms},
 * or one GC pause at or above {@code gcPauseMs}, or the machine's CPU at or above {@code cpuPct} % for
 * {@code contendedSeconds} in a row with this injector using at least half of it (a target on the
 * same machine was starved of CPU by the injector). {@code strict}: a saturated injector fails the run
 * (exit code 6) so that a nightly job never blames the platform for the injector's overload.
 *
 * @param burnThreads test hook ({@code -Dinjector.watch.burnThreads}): threads that spin for the
 *     whole run, to saturate the injector on purpose; 0 in every real run
 */
public record InjectorSettings(boolean strict, double cpuPct, int cpuSeconds, long timerLagP99Ms, long gcPauseMs, int contendedSeconds,
    int burnThreads) {
  public static final InjectorSettings DEFAULT = new InjectorSettings(false, 90, 10, 100, 500, 8, 0);

  /** The thresholds in words, for the summary. */
  public String describe() {
    return String.format(Locale.ROOT, "saturated when CPU ≥ %.0f %% of all cores for ≥ %d s in a row, event loops late by ≥ %d ms at p99, a GC pause ≥ %d ms,"
        + " or the machine's CPU ≥ %.0f %% for ≥ %d s in a row with this injector using half of it or more",
        cpuPct, cpuSeconds, timerLagP99Ms, gcPauseMs, cpuPct, contendedSeconds);
  }

  public static InjectorSettings read(Settings s) {
    boolean strict = s.bool("injector.strict", DEFAULT.strict());
    double cpuPct = s.nonNegativeDouble("injector.cpuPct", DEFAULT.cpuPct());
    if (cpuPct == 0 || cpuPct > 100) {
      throw new ConfigurationException("injector.cpuPct=" + cpuPct + " is not allowed: a share of all cores in percent, > 0 and ≤ 100");
    }
    int cpuSeconds = s.positiveInt("injector.cpuSeconds", DEFAULT.cpuSeconds());
    long lag = s.positiveInt("injector.timerLagP99Ms", (int) DEFAULT.timerLagP99Ms());
    long gc = s.positiveInt("injector.gcPauseMs", (int) DEFAULT.gcPauseMs());
    int contended = s.positiveInt("injector.contendedSeconds", DEFAULT.contendedSeconds());
    int burn = (int) s.nonNegativeDouble("injector.watch.burnThreads", 0);
    return new InjectorSettings(strict, cpuPct, cpuSeconds, lag, gc, contended, burn);
  }
}
