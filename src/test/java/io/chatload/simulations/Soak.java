package io.chatload.simulations;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.chatload.config.LoadSettings;
import io.chatload.injector.HeapWatch;
import io.chatload.report.RunChecks;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import io.chatload.run.LoadProfile;
import java.time.Duration;
import java.util.List;

/**
 * Steady concurrent load for a long time (default 10 min of hold, {@code -Dhold} overrides): no
 * socket may drop and nothing may drift. Users chat for many turns, then leave and are replaced.
 * The SLA allows no failed event; the drift of agent_completed's p95 (last tenth vs first tenth)
 * and the injector's heap growth are computed from the run and reported by the run summary.
 */
public class Soak extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      LoadSettings.closed(200).ramp(ofSeconds(30)).hold(ofMinutes(10)).turns(10).thinking(ofSeconds(3), ofSeconds(5));

  /** How much agent_completed's p95 may grow from the first to the last tenth of the hold. */
  static final double ALLOWED_DRIFT_PCT = 20;

  private final HeapWatch heap = new HeapWatch();
  private volatile SlaSummary.Check heapVerdict;

  public Soak() {
    super(DEFAULTS);
    run(LoadProfile.inject(journey.goldenPath("soak"), run.load()));
  }

  @Override
  public void before() {
    super.before();
    heap.sampleAfter(run.load().ramp().plusSeconds(30));
  }

  @Override
  public void after() {
    heapVerdict = heap.report();
    super.after();
  }

  @Override
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    long holdStart = results.injectStartMillis - results.startMillis + run.load().ramp().toMillis();
    long holdEnd = results.injectEndMillis - results.startMillis;
    return List.of(
        RunChecks.drift("agent_completed", results.timeline("agent_completed"), holdStart, holdEnd, ALLOWED_DRIFT_PCT),
        heapVerdict);
  }
}
