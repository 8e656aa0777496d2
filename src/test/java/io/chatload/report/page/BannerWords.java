package io.chatload.report.page;

import io.chatload.report.Headroom;
import io.chatload.report.SlaSummary;
import java.util.List;
import java.util.Locale;

/** The banner's words: the verdict, why when breached (the worst breach), and an early stop. */
public final class BannerWords {
  private BannerWords() {}

  public static String headline(SlaSummary s) {
    String verdict = s.inconclusive() ? "Inconclusive" : s.passed() ? "All SLAs held" : "SLA breached";
    return s.stoppedEarly() != null ? verdict + " — stopped early" : verdict;
  }

  /** The console's first line of the verdict: the headline, and why as the instrument measured it. */
  public static String consoleLine(SlaSummary s) {
    String why = s.measurement() == null ? reason(s) : s.measurement().why();
    return "VERDICT: " + s.verdict().toUpperCase(java.util.Locale.ROOT) + (why.isEmpty() ? "" : " — " + why);
  }

  /** "12,345 of 12,400 frames judged on measured figures; 55 excused by the injector's lateness", or empty before a run. */
  public static String framesJudged(SlaSummary s) {
    SlaSummary.Measurement m = s.measurement();
    if (m == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%,d of %,d frames judged on measured figures%s", m.framesJudged() - m.framesExcused(), m.framesJudged(),
        m.framesExcused() == 0 ? "" : String.format(Locale.ROOT, "; %,d excused by the injector's own lateness", m.framesExcused()));
  }

  /** The worst breach in words, or empty when everything held. */
  public static String reason(SlaSummary s) {
    List<Headroom.Item> breached = Headroom.of(s).stream().filter(i -> !i.passed()).toList();
    long failedChecks = s.checks().stream().filter(c -> !c.passed()).count();
    if (!breached.isEmpty()) {
      Headroom.Item worst = breached.get(0);
      long more = breached.size() - 1 + failedChecks;
      return String.format(Locale.ROOT, "Worst breach: %s was %s against %s%s.", worst.request(), worst.figure(), worst.shortText(),
          more > 0 ? "; " + more + " more breach" + (more > 1 ? "es" : "") + " below" : "");
    }
    return s.checks().stream().filter(c -> !c.passed()).findFirst()
        .map(c -> "Failed check: " + c.name() + " — " + c.detail() + (failedChecks > 1 ? "; " + (failedChecks - 1) + " more below" : "") + ".")
        .orElse("");
  }

  /** "Stopped early at 95 s with 480 active users: p95 of agent_completed above 10 s", or empty. */
  public static String stoppedEarly(SlaSummary s) {
    SlaSummary.StoppedEarly e = s.stoppedEarly();
    if (e == null) {
      return "";
    }
    return String.format(Locale.ROOT, "Stopped early at %.0f s with %d active users: %s", e.atSeconds(), e.activeUsers(),
        e.cause() == null ? "cause not recorded" : e.cause());
  }
}
