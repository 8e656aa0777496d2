package io.chatload.report;

import io.chatload.guard.AutoStop;
import java.util.List;

/** The summary's record of an auto-stop: its cause, when it happened and the load at that moment. */
final class EarlyStop {
  private EarlyStop() {}

  /**
   * @param helperScenarios scenarios that are not the load (the health probe, the watchdog), whose
   *     users are not counted as load
   */
  static SlaSummary.StoppedEarly of(AutoStop.Verdict verdict, RunResults results, List<String> helperScenarios) {
    long offset = Math.max(0, verdict.atMillis() - results.startMillis);
    long users = usersAt(results.activeUsers(), offset);
    for (String helper : helperScenarios) {
      users -= usersAt(results.activeUsers(helper), offset);
    }
    return new SlaSummary.StoppedEarly(verdict.cause(), Math.round(offset / 100.0) / 10.0, Math.max(0, users));
  }

  /** Users in the last bucket that began at or before {@code offsetMs} (Gatling counts per second). */
  private static long usersAt(List<RunResults.UsersAt> series, long offsetMs) {
    long users = 0;
    for (RunResults.UsersAt u : series) {
      if (u.offsetMs() <= offsetMs) {
        users = u.users();
      }
    }
    return users;
  }
}
