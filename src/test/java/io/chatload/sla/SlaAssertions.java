package io.chatload.sla;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.chatload.journey.ChatJourney;
import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link SlaSpec} into Gatling assertions: a breach makes Gatling, and so
 * {@code mvn gatling:test}, exit non-zero, and Gatling prints each one with threshold and actual.
 */
public final class SlaAssertions {
  private SlaAssertions() {}

  public static List<Assertion> of(SlaSpec sla) {
    return of(sla, java.util.Set.of());
  }

  /**
   * @param notSent request names this run does not send (e.g. no login when tokens are minted):
   *     their thresholds are skipped, since an assertion on a missing request fails
   */
  public static List<Assertion> of(SlaSpec sla, java.util.Set<String> notSent) {
    List<Assertion> out = new ArrayList<>();
    for (Map.Entry<String, SlaSpec.Threshold> e : sla.events().entrySet()) {
      add(out, e.getKey(), e.getValue());
    }
    for (Map.Entry<String, SlaSpec.Threshold> e : sla.requests().entrySet()) {
      if (!notSent.contains(e.getKey())) {
        add(out, e.getKey(), e.getValue());
      }
    }
    if (sla.journey() != null) {
      add(out, ChatJourney.JOURNEY, sla.journey());
    }
    if (sla.global().maxFailedPct() != null) {
      out.add(global().failedRequests().percent().lte(sla.global().maxFailedPct()));
    }
    if (sla.global().minRequestsPerSec() != null) {
      out.add(global().requestsPerSec().gte(sla.global().minRequestsPerSec()));
    }
    return out;
  }

  private static void add(List<Assertion> out, String path, SlaSpec.Threshold t) {
    if (t.p95Ms() != null) {
      out.add(details(path).responseTime().percentile(95.0).lte(t.p95Ms()));
    }
    if (t.p99Ms() != null) {
      out.add(details(path).responseTime().percentile(99.0).lte(t.p99Ms()));
    }
    if (t.maxErrorPct() != null) {
      out.add(details(path).failedRequests().percent().lte(t.maxErrorPct()));
    }
    if (t.meanMs() != null) {
      out.add(details(path).responseTime().mean().lte(t.meanMs()));
    }
    if (t.maxKo() != null) {
      out.add(details(path).failedRequests().count().lte(t.maxKo().longValue()));
    }
  }
}
