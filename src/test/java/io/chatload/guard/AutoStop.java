package io.chatload.guard;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stops a lost run early with Gatling's own {@code stopLoadGenerator}: a watchdog user, alongside
 * the load like the health probe, asks its judges once a second whether the run is lost (the SLA
 * file's abort rule, Stress's broken step) and stops the load generator with the cause when one
 * says so. Gatling then ends every user and writes its report as after any run; the verdict stays
 * here for the run summary.
 */
public final class AutoStop {
  /** The watchdog's scenario name (its single user is not part of the load). */
  public static final String SCENARIO = "auto-stop watch";
  private static final String CAUSE = "autoStopCause";

  /** Why and when (epoch ms) the run was stopped. */
  public record Verdict(String cause, long atMillis) {}

  private final OutcomeWindow outcomes;
  private final List<RunJudge> judges;
  private volatile Verdict verdict;

  public AutoStop(OutcomeWindow outcomes, List<RunJudge> judges) {
    this.outcomes = outcomes;
    this.judges = List.copyOf(judges);
  }

  /** The watchdog: judges once a second for {@code duration} (the load's injection), then ends. */
  public ScenarioBuilder watchdog(Duration duration) {
    return scenario(SCENARIO)
        .exec(session -> {
          long now = System.currentTimeMillis();
          judges.forEach(j -> j.started(now));
          return session;
        })
        .during(duration).on(
            pause(Duration.ofSeconds(1)),
            exec(this::judge),
            stopLoadGeneratorIf(session -> session.getString(CAUSE), session -> session.contains(CAUSE)));
  }

  private Session judge(Session session) {
    long now = System.currentTimeMillis();
    for (RunJudge judge : judges) {
      Optional<String> cause = judge.judge(outcomes, now);
      if (cause.isPresent()) {
        verdict = new Verdict(cause.get(), now);
        System.out.println();
        System.out.println("Auto-stop: the run is lost, stopping it: " + cause.get());
        System.out.flush();
        return session.set(CAUSE, "auto-stop: " + cause.get());
      }
    }
    return session;
  }

  /** Why the run was stopped, if it was. */
  public Optional<Verdict> verdict() {
    return Optional.ofNullable(verdict);
  }
}
