package io.chatload.journey;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import scala.Option;

/**
 * Records measurements that are not a single request into the run's own results, so they appear
 * in the report, the assertions and the summary like any request: the whole journey (login → first
 * agent_completed), a cross-user leak found between turns, the time a reconnect took.
 *
 * <p>Gatling's Java DSL has no call for that, so {@link #attach()} is a step that does nothing at
 * run time: when Gatling builds the scenario it hands over the run's StatsEngine, which this keeps.
 */
public final class StatsRecorder {
  private volatile StatsEngine engine;

  /** Put this first in every scenario that records. */
  public ActionBuilder attach() {
    io.gatling.core.action.builder.ActionBuilder scala = (ctx, next) -> {
      engine = ctx.coreComponents().statsEngine();
      return next;
    };
    return () -> scala;
  }

  public void ok(Session session, String name, long startMillis, long endMillis) {
    log(session, name, startMillis, endMillis, null);
  }

  public void ko(Session session, String name, long startMillis, long endMillis, String reason) {
    log(session, name, startMillis, endMillis, reason == null ? "failed" : Redaction.redact(reason));
  }

  private void log(Session session, String name, long start, long end, String failure) {
    StatsEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("StatsRecorder.attach() is not part of scenario '" + session.scenario() + "'");
    }
    e.logResponse(
        session.scenario(),
        session.asScala().groups(),
        name,
        start,
        Math.max(start, end),
        failure == null ? OK$.MODULE$ : KO$.MODULE$,
        Option.empty(),
        failure == null ? Option.empty() : Option.apply(failure));
  }
}
