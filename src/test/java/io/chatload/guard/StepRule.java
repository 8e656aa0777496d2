package io.chatload.guard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A stepped load (Stress) stops at the first step that breaks the SLA: once a step's hold is over,
 * the chat turns that ended during it are judged against agent_completed's p95 and error share; a
 * broken step (or one in which no turn completed) is the run's last. The final step is judged by
 * the summary alone: nothing is left to save by stopping it.
 */
public final class StepRule implements RunJudge {
  /** One step: {@code users} concurrent users held from {@code fromMs} to {@code toMs} after the load's start. */
  public record Step(int users, long fromMs, long toMs) {}

  private final List<Step> steps;
  private final double p95LimitMs;
  private final double maxErrorPct;
  private volatile long startMillis = Long.MAX_VALUE;
  private int next;

  public StepRule(List<Step> steps, double p95LimitMs, double maxErrorPct) {
    this.steps = List.copyOf(steps);
    this.p95LimitMs = p95LimitMs;
    this.maxErrorPct = maxErrorPct;
  }

  @Override
  public void started(long millis) {
    startMillis = millis;
  }

  @Override
  public synchronized Optional<String> judge(OutcomeWindow outcomes, long nowMillis) {
    while (next < steps.size() - 1 && nowMillis >= startMillis + steps.get(next).toMs() + 1_000) {
      Step step = steps.get(next);
      // whole seconds inside the hold, so no bucket of the ramps on either side counts
      long from = Math.floorDiv(startMillis + step.fromMs() + 999, 1000);
      long to = Math.floorDiv(startMillis + step.toMs(), 1000);
      OutcomeWindow.Counts c = outcomes.counts(Watched.TURN, from, to);
      long p95 = c.ok() == 0 ? 0 : c.latencies().percentile(95);
      boolean held = c.ok() > 0 && p95 <= p95LimitMs && c.errorPct() <= maxErrorPct;
      next++;
      if (!held) {
        return Optional.of(String.format(Locale.ROOT,
            "step %d of %d (%d users) broke the SLA: %d chat turns, p95 %d ms (limit %.0f), %.1f %% KO (limit %.1f %%)%s",
            next, steps.size(), step.users(), c.total(), p95, p95LimitMs, c.errorPct(), maxErrorPct,
            next == 1 ? "" : "; the step before held"));
      }
    }
    return Optional.empty();
  }
}
