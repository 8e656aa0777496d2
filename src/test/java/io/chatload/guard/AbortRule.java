package io.chatload.guard;

import io.chatload.sla.SlaSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SLA file's {@code abort} rule, judged once a second: a run is lost when one of the watched
 * names failed more than {@code errorPct} of the time over the last {@code windowSeconds}, every
 * time it was judged for {@code forSeconds}. A window without outcomes neither confirms nor clears
 * (users in back-off send little); a window needs {@link #MIN_KOS} KOs to count as failing, so a
 * lone KO in a quiet window never stops a run.
 */
public final class AbortRule implements RunJudge {
  /** Fewest KOs that make a window failing. */
  static final int MIN_KOS = 2;

  private final SlaSpec.Abort abort;
  private final List<String> watched;
  private final Map<String, Long> failingSince = new HashMap<>();

  /** @param watched the names the journey records that have an SLA (requests and the chat turn's events) */
  public AbortRule(SlaSpec.Abort abort, List<String> watched) {
    this.abort = abort;
    this.watched = List.copyOf(watched);
  }

  public SlaSpec.Abort abort() {
    return abort;
  }

  @Override
  public Optional<String> judge(OutcomeWindow outcomes, long nowMillis) {
    return judgeSecond(outcomes, nowMillis / 1000);
  }

  /** Judges the window ending at {@code nowSecond} (epoch s); the cause when the run is lost. */
  synchronized Optional<String> judgeSecond(OutcomeWindow outcomes, long nowSecond) {
    for (String name : watched) {
      OutcomeWindow.Counts c = outcomes.counts(name, nowSecond - abort.windowSeconds(), nowSecond);
      if (c.total() == 0) {
        continue; // no news: keep what was known
      }
      boolean failing = c.ko() >= MIN_KOS && c.errorPct() > abort.errorPct();
      if (!failing) {
        failingSince.remove(name);
        continue;
      }
      long since = failingSince.computeIfAbsent(name, n -> nowSecond);
      if (nowSecond - since >= abort.forSeconds()) {
        return Optional.of(String.format(Locale.ROOT,
            "%s failed %.0f %% of %d times over the last %d s, above %.0f %% for %d s (%s)",
            describe(name), c.errorPct(), c.total(), abort.windowSeconds(), abort.errorPct(), nowSecond - since, hint(name)));
      }
    }
    return Optional.empty();
  }

  private static String describe(String name) {
    return name.equals(Watched.HEALTH) ? "the /health probe" : name.equals(Watched.ANSWERED) ? "getting an HTTP answer" : name;
  }

  /** What a failing name most likely means, in a few words. */
  private static String hint(String name) {
    switch (name) {
      case Watched.ANSWERED:
        return "target unreachable";
      case Watched.HEALTH:
        return "target unhealthy";
      case Watched.LOGIN:
        return "users cannot log in";
      case Watched.CONNECT:
        return "users cannot open their socket";
      default:
        return "agent runs fail";
    }
  }
}
