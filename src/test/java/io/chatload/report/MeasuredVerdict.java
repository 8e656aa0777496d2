package io.chatload.report;

import io.chatload.journey.FrameTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run's verdict as far as the instrument can vouch for it. The injector's lateness only ever
 * makes the platform look worse, except through frames it excused: so a run that held with no frame
 * excused stays held, however late its injector ran (its figures may be inflated, the verdict
 * stands); a run that held with any frame excused is inconclusive (the sentence says whether, counted
 * as KOs, they would breach an SLA); and a breach by no more than the injector's own lateness explains (a tail
 * within its worst lateness, KOs it could have caused) is inconclusive too, never the platform's.
 */
public final class MeasuredVerdict {
  /** Injector lateness from which a page says its figures may be inflated. */
  public static final long INFLATION_WORTH_SAYING_MS = 100;

  private MeasuredVerdict() {}

  /**
   * @param frames what the frame checks counted (judged, excused, explainable KOs)
   * @param injector the injector's own figures over the run, or null when it was not watched
   * @param strict {@code -Dinjector.strict=true}: a saturated injector makes a held run inconclusive too
   */
  public static SlaSummary judge(SlaSummary s, FrameTally.Counts frames, SlaSummary.Injector injector, boolean strict) {
    long lateMax = injector == null ? 0 : Math.max(injector.timerLagMaxMs(), injector.gcPauseMaxMs());
    long excused = frames.excused();
    String judged = String.format(Locale.ROOT, "%,d of %,d frames judged on measured figures", frames.judged() - excused, frames.judged());
    String why;
    String verdict;
    if (s.passed()) {
      if (excused > 0) {
        // a frame the injector's lateness excused was not measured: the run cannot say "held" on it
        List<String> breachedIfCounted = breachedIfExcusedWereKo(s, frames.excusedByEvent());
        verdict = SlaSummary.INCONCLUSIVE;
        why = String.format(Locale.ROOT, "Held only with %,d frame(s) excused by the injector's own lateness (%s)%s. The instrument cannot"
            + " vouch for this run; rerun with an injector that keeps up.", excused, judged,
            breachedIfCounted.isEmpty() ? "; counted as KO they would breach no SLA" : ": counted as KO they would breach " + firstFew(breachedIfCounted));
      } else if (strict && injector != null && injector.saturated()) {
        verdict = SlaSummary.INCONCLUSIVE;
        why = "Held, but the injector was saturated and -Dinjector.strict=true: " + String.join("; ", injector.reasons()) + ".";
      } else {
        verdict = SlaSummary.HELD;
        why = "All SLAs held (" + judged + ")."
            + (lateMax >= INFLATION_WORTH_SAYING_MS ? String.format(Locale.ROOT, " Figures may be inflated by up to %,d ms by the injector's"
                + " own lateness; the verdict stands, since that lateness only makes the platform look worse.", lateMax) : "");
      }
    } else {
      List<String> unexplained = unexplainedBreaches(s, frames, injector, lateMax);
      boolean anyBreach = !s.slas().stream().allMatch(SlaSummary.Sla::passed) || s.checks().stream().anyMatch(c -> !c.passed());
      if (unexplained.isEmpty() && anyBreach && s.stoppedEarly() == null) {
        verdict = SlaSummary.INCONCLUSIVE;
        why = String.format(Locale.ROOT, "Breached, but by no more than the injector's own lateness explains (its event loops were up to %,d ms"
            + " behind; %,d timing KO(s) it could have caused): the instrument cannot vouch for this breach. Rerun with an injector that keeps up"
            + " before blaming the platform.", lateMax, frames.explainableKoTotal());
      } else {
        verdict = SlaSummary.BREACHED;
        why = "SLA breached (" + judged + ")"
            + (unexplained.isEmpty() ? "." : ": " + firstFew(unexplained) + (lateMax > 0 ? String.format(Locale.ROOT,
                " — beyond what the injector's lateness (up to %,d ms) could explain.", lateMax) : "."));
      }
    }
    return s.withVerdict(verdict, new SlaSummary.Measurement(frames.judged(), excused, frames.explainableKoTotal(), lateMax, why));
  }

  /** The first three names, and how many more: a verdict is one sentence, the tables list them all. */
  private static String firstFew(List<String> names) {
    return names.size() <= 3 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
  }

  /** The error-share SLAs the excused frames would breach if they had been KOs. */
  static List<String> breachedIfExcusedWereKo(SlaSummary s, Map<String, Long> excusedByEvent) {
    List<String> out = new ArrayList<>();
    for (SlaSummary.Sla sla : s.slas()) {
      if (!isErrorShare(sla) || sla.threshold() == null) {
        continue;
      }
      String path = path(sla);
      Optional<Double> share = errorPctWith(s, path, excusedByEvent, 1);
      if (share.isPresent() && share.get() > sla.threshold()) {
        out.add(sla.name());
      }
    }
    return out;
  }

  /** The breached SLAs and checks the injector's lateness cannot explain, by name. */
  static List<String> unexplainedBreaches(SlaSummary s, FrameTally.Counts frames, SlaSummary.Injector injector, long lateMax) {
    List<String> out = new ArrayList<>();
    for (SlaSummary.Sla sla : s.slas()) {
      if (!sla.passed() && !explainable(sla, s, frames, injector, lateMax)) {
        out.add(sla.name());
      }
    }
    s.checks().stream().filter(c -> !c.passed()).forEach(c -> out.add(c.name()));
    return out;
  }

  private static boolean explainable(SlaSummary.Sla sla, SlaSummary s, FrameTally.Counts frames, SlaSummary.Injector injector, long lateMax) {
    if (sla.threshold() == null || sla.actual() == null) {
      return false;
    }
    String name = sla.name();
    if (name.contains("response time")) {
      // a late injector reads a frame late by at most its worst lateness
      return sla.actual() - lateMax <= sla.threshold();
    }
    if (isErrorShare(sla)) {
      String path = path(sla);
      Optional<Double> share = errorPctWith(s, path, frames.explainableKos(), -1);
      return share.isPresent() && share.get() <= sla.threshold();
    }
    // too few requests per second: an injector that could not keep up sends fewer
    return name.contains("requests per second") && injector != null && injector.saturated();
  }

  private static boolean isErrorShare(SlaSummary.Sla sla) {
    return sla.name().contains("percentage of failed events");
  }

  private static String path(SlaSummary.Sla sla) {
    int colon = sla.name().indexOf(": ");
    return colon < 0 ? sla.name() : sla.name().substring(0, colon);
  }

  private static boolean global(String path) {
    return path.equals("Global");
  }

  private static Optional<RunResults.RequestStats> request(SlaSummary s, String name) {
    return s.requests().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * The error share (%) of request {@code path} ("Global": all requests) with {@code sign} × the KOs
   * {@code byEvent} names for it added; empty when the run has no such request.
   */
  private static Optional<Double> errorPctWith(SlaSummary s, String path, Map<String, Long> byEvent, int sign) {
    long count;
    long ko;
    if (global(path)) {
      count = s.requests().stream().mapToLong(RunResults.RequestStats::count).sum();
      ko = s.requests().stream().mapToLong(RunResults.RequestStats::ko).sum() + sign * byEvent.values().stream().mapToLong(Long::longValue).sum();
    } else {
      Optional<RunResults.RequestStats> r = request(s, path);
      if (r.isEmpty()) {
        return Optional.empty();
      }
      count = r.get().count();
      ko = r.get().ko() + sign * byEvent.getOrDefault(path, 0L);
    }
    return Optional.of(count <= 0 ? 0 : 100.0 * Math.max(0, ko) / count);
  }
}
