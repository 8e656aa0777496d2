package io.chatload.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where in the golden path the time goes: each step that the run measured, in journey order, with
 * its p50 / p95 / p99 (events from the send; login and connect their own duration), the thresholds
 * of its p95 and p99 SLAs, and whether any SLA of that step was breached.
 */
public final class JourneyWaterfall {
  public record Step(String name, int p50, int p95, int p99, Double p95Threshold, Double p99Threshold, boolean breached) {}

  private JourneyWaterfall() {}

  public static List<Step> of(SlaSummary s) {
    List<Step> out = new ArrayList<>();
    for (String name : JourneyOrder.GOLDEN_PATH) {
      Optional<RunResults.RequestStats> r = s.requests().stream().filter(x -> x.name().equals(name)).findFirst();
      if (r.isEmpty()) {
        continue;
      }
      boolean breached = false;
      Double p95 = null;
      Double p99 = null;
      for (SlaSummary.Sla sla : s.slas()) {
        SlaSentence sentence = SlaSentence.parse(sla.name());
        if (!sentence.request().equals(name)) {
          continue;
        }
        breached |= !sla.passed();
        if (sentence.metric().equals("p95")) {
          p95 = sla.threshold();
        } else if (sentence.metric().equals("p99")) {
          p99 = sla.threshold();
        }
      }
      RunResults.RequestStats stats = r.get();
      out.add(new Step(name, stats.p50(), stats.p95(), stats.p99(), p95, p99, breached));
    }
    return out;
  }
}
