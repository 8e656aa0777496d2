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
 * time it was judged for {@code forSeconds}. A window without outcomes does not clear a failure
 * (users in back-off send nothing, and nothing has succeeded since); a window needs
 * {@link #MIN_KOS} KOs to count as failing, so a lone KO in a quiet window never stops a run —
 * except "the target answered", where one unanswered request counts: a live target answers the
 * health probe every few seconds, so it is never quiet for long.
 */
public final class AbortRule implements RunJudge {
  /** Fewest KOs that make a window failing. */
  static final int MIN_KOS = 2;

  private final SlaSpec.Abort abort;
  private final List<String> watched;
  private final Map<String, Failing> failing = new HashMap<>();

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
      if (c.total() > 0) {
        boolean failingShare = c.errorPct() > abort.errorPct();
        if (failingShare && c.ko() >= (name.equals(Watched.ANSWERED) ? 1 : MIN_KOS)) {
          failing.computeIfAbsent(name, n -> new Failing(nowSecond, c)).last = c;
        } else if (!failingShare) {
          failing.remove(name); // successes: recovered
        }
        // a failing share of too few KOs neither starts a failure nor clears one (users trickle back from back-off)
      }
      // no outcomes (users parked in back-off): still failing, nothing has succeeded since
      Failing f = failing.get(name);
      if (f != null && nowSecond - f.since >= abort.forSeconds()) {
        String cause = String.format(Locale.ROOT, "%s %.0f %% of %d times over %d s, above %.0f %% for %d s (%s)",
            failed(name), f.last.errorPct(), f.last.total(), abort.windowSeconds(), abort.errorPct(), nowSecond - f.since, hint(name));
        OutcomeWindow.Counts answers = outcomes.counts(Watched.ANSWERED, nowSecond - abort.forSeconds(), nowSecond);
        if (!name.equals(Watched.ANSWERED) && answers.ko() > 0 && answers.errorPct() > abort.errorPct()) {
          // the likely root: a dead target fails the turns first, and the few requests since got no answer
          cause += String.format(Locale.ROOT, "; the target did not answer %d of %d requests in %d s (target unreachable)",
              answers.ko(), answers.total(), abort.forSeconds());
        }
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }

  /** A name failing since {@code since} (epoch s), with its last failing window. */
  private static final class Failing {
    final long since;
    OutcomeWindow.Counts last;

    Failing(long since, OutcomeWindow.Counts last) {
      this.since = since;
      this.last = last;
    }
  }

  private static String failed(String name) {
    switch (name) {
      case Watched.ANSWERED:
        return "the target did not answer";
      case Watched.HEALTH:
        return "the /health probe failed";
      default:
        return name + " failed";
    }
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
