package io.chatload.simulations;

import static java.time.Duration.ofSeconds;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import io.chatload.reference.capacity.RunDuration;
import io.chatload.report.LatencyGrowth;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSummary;
import io.chatload.run.LoadProfile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The main job: ramp to many concurrent users (closed model), hold, every user chatting for several
 * turns with think time. {@code -Dinjection=open -Drate=N} runs the same journey as an open model
 * (N new users per second) instead.
 */
public class EnterpriseLoad extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      LoadSettings.closed(500).ramp(ofSeconds(60)).hold(ofSeconds(120)).turns(3).thinking(ofSeconds(3), ofSeconds(5))
          .ratePerSec(20); // what -Dinjection=open runs

  /** The event whose latency growth an open-model run is judged on. */
  static final String JUDGED = "agent_completed";

  public EnterpriseLoad() {
    super(DEFAULTS);
    run(LoadProfile.inject(journey.goldenPath("enterprise load"), run.load()));
  }

  /**
   * Open model only: agent_completed's latency must not keep rising through the hold. A closed
   * model limits itself (users wait for their answers); arrivals at a fixed rate do not, so when
   * they exceed what the target finishes its queue, and the latency, grow for as long as the run.
   */
  @Override
  protected List<SlaSummary.Check> runChecks(RunResults results) {
    var load = run.load();
    if (load.injection() != Injection.OPEN || load.hold().isZero()) {
      return List.of();
    }
    double limit = run.sla().events().get(JUDGED).p95OrTimeoutMs();
    // growth that would eat half the SLA over the hold is no noise
    double allowedMsPerSec = Math.max(5, 0.5 * limit / load.hold().toSeconds());
    long holdFrom = results.injectStartMillis - results.startMillis + load.ramp().toMillis();
    SlaSummary.Check growth = LatencyGrowth.check(JUDGED, results.timeline(JUDGED), holdFrom,
        holdFrom + load.hold().toMillis(), allowedMsPerSec, capacityNote());
    System.out.println("EnterpriseLoad " + growth.detail());
    return List.of(growth);
  }

  /** The arrival rate of runs against the embedded target's capacity W/T, when it has one. */
  private String capacityNote() {
    var load = run.load();
    return embeddedReference().filter(c -> c.capacity().workers() > 0).map(c -> {
      RunDuration t = RunDuration.of(c);
      double capacity = c.capacity().workers() * 1000.0 / t.meanMs();
      return String.format(Locale.ROOT, "arrivals %.1f runs/s (%.1f users/s × %d turns) against a capacity of W/T = %d / %.2f s = %.1f runs/s",
          load.ratePerSec() * load.turns(), load.ratePerSec(), load.turns(), c.capacity().workers(), t.meanMs() / 1000, capacity);
    }).orElse("");
  }
}
