package io.chatload.guard;

import java.util.Optional;

/** One way a running load can be judged lost, asked once a second by the {@link AutoStop} watchdog. */
public interface RunJudge {
  /** The cause when the run must stop now, judged from the outcomes so far. */
  Optional<String> judge(OutcomeWindow outcomes, long nowMillis);

  /** The load starts at {@code millis}: what step times are counted from. */
  default void started(long millis) {}
}
