package io.chatload.report.page;

import io.chatload.injector.InjectorVerdict;
import io.chatload.report.Headroom;
import io.chatload.report.JourneyWaterfall;
import io.chatload.report.LoadOverTime;
import io.chatload.report.LoadSteps;
import io.chatload.report.MeasuredVerdict;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSentence;
import io.chatload.report.SlaSummary;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * sla-summary.md, the CI job summary: the verdict and why, the headroom list worst first, small
 * mermaid charts (GitHub renders {@code xychart-beta}), then the tables.
 */
public final class MarkdownSummary {
  private MarkdownSummary() {}

  public static String render(SlaSummary s) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "## %s %s — %s%n%n", s.inconclusive() ? "⚠️" : s.passed() ? "✅" : "❌", s.run().simulation(),
        s.inconclusive() ? "inconclusive" : s.passed() ? "all SLAs held" : "SLA breached"));
    String reason = s.inconclusive() ? s.measurement().why() : BannerWords.reason(s);
    if (!reason.isEmpty()) {
      md.append("**").append(reason).append("**\n\n");
    }
    if (s.measurement() != null) {
      md.append(BannerWords.framesJudged(s)).append(".");
      if (s.passed() && s.measurement().injectorLateMaxMs() >= MeasuredVerdict.INFLATION_WORTH_SAYING_MS) {
        md.append(String.format(Locale.ROOT, " Figures may be inflated by up to %,d ms by the injector's own lateness; the verdict stands.",
            s.measurement().injectorLateMaxMs()));
      }
      md.append("\n\n");
    }
    if (s.stoppedEarly() != null) {
      md.append("⏹ **").append(BannerWords.stoppedEarly(s)).append("**\n\n");
    }
    if (s.injector() != null && s.injector().saturated()) {
      md.append("> ⚠️ **").append(s.injector().verdict()).append("**\n\n");
    }
    md.append(String.format(Locale.ROOT, "Target `%s`; %s; %d s; commit `%s`; started %s. Cross-user leaks: **%d**.%n%n",
        s.run().target(), s.run().load(), s.run().durationSeconds(), s.run().gitCommit(), s.run().startedAt(), s.crossUserLeaks()));
    md.append(String.format(Locale.ROOT, "Wire dialect seen: **%s**; isolation judged on %s.%n%n", s.checked().dialect(), s.checked().identityFields()));
    if (s.checked().timestamps() != null) {
      md.append(String.format(Locale.ROOT, "Event timestamps: %s.%n%n", s.checked().timestamps()));
    }

    md.append("### Headroom (share of each threshold used, worst first)\n\n");
    for (Headroom.Item i : Headroom.of(s)) {
      md.append(String.format(Locale.ROOT, "- %s %s: %s%n", i.passed() ? (i.usedPct() >= 80 ? "🟠" : "🟢") : "🔴", i.label(), i.figure()));
    }
    for (SlaSummary.Check c : s.checks()) {
      md.append(String.format(Locale.ROOT, "- %s %s: %s%n", c.passed() ? "🟢" : "🔴", c.name(), c.detail()));
    }
    if (s.injector() != null) {
      md.append(String.format(Locale.ROOT, "- %s injector: %s%n", s.injector().saturated() ? "⚠️" : "🟢", InjectorVerdict.headline(s.injector())));
    }
    waterfallChart(md, JourneyWaterfall.of(s));
    historyChart(md, s.history());

    md.append("\n| SLA | threshold | actual | |\n|---|---:|---:|---|\n");
    for (SlaSummary.Sla sla : s.slas()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", sla.name(), SlaSentence.number(sla.threshold()),
          sla.error() != null ? sla.error() : SlaSentence.number(sla.actual()), sla.passed() ? "✅" : "❌"));
    }
    md.append(LoadSteps.markdown(s.steps()));
    md.append("\n| request | count | KO | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (RunResults.RequestStats r : s.requests()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", r.name(), r.count(), r.ko(), r.p50(), r.p95(), r.p99(), r.max()));
    }
    if (s.history() != null && !s.history().vsMedian().isEmpty()) {
      md.append("\n| vs median of previous ").append(s.history().window()).append(" | metric | median | now | change |\n|---|---|---:|---:|---:|\n");
      s.history().vsMedian().stream().filter(SlaSummary.Delta::regression).forEach(d -> delta(md, d));
      if (s.history().vsMedian().stream().noneMatch(SlaSummary.Delta::regression)) {
        md.append("| no regression | | | | |\n");
      }
    }
    if (!s.trend().isEmpty()) {
      md.append("\n| vs baseline | metric | baseline | now | change |\n|---|---|---:|---:|---:|\n");
      s.trend().forEach(d -> delta(md, d));
    }
    return md.toString();
  }

  private static void delta(StringBuilder md, SlaSummary.Delta d) {
    md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %+.1f %%%s |%n", d.request(), d.metric(), d.baseline(), d.current(),
        d.changePct(), d.regression() ? " ⚠️ regression" : ""));
  }

  /** p95 of each golden-path step as bars, its p95 threshold as a line. */
  private static void waterfallChart(StringBuilder md, List<JourneyWaterfall.Step> steps) {
    if (steps.isEmpty()) {
      return;
    }
    md.append("\n```mermaid\nxychart-beta\n    title \"p95 per journey step (ms), line = p95 SLA\"\n    x-axis [")
        .append(steps.stream().map(x -> "\"" + x.name() + "\"").collect(Collectors.joining(", "))).append("]\n    y-axis \"ms\"\n    bar [")
        .append(steps.stream().map(x -> String.valueOf(x.p95())).collect(Collectors.joining(", "))).append("]\n");
    if (steps.stream().allMatch(x -> x.p95Threshold() != null)) {
      md.append("    line [").append(steps.stream().map(x -> SlaSentence.number(x.p95Threshold())).collect(Collectors.joining(", "))).append("]\n");
    }
    md.append("```\n");
  }

  /** p95 of agent_completed over the last runs. */
  private static void historyChart(StringBuilder md, SlaSummary.History h) {
    if (h == null || h.runs().size() < 2 || h.runs().stream().anyMatch(r -> !r.p95Ms().containsKey(LoadOverTime.FOLLOWED))) {
      return;
    }
    md.append("\n```mermaid\nxychart-beta\n    title \"agent_completed p95 (ms), last ").append(h.runs().size()).append(" runs\"\n    x-axis [")
        .append(h.runs().stream().map(r -> "\"" + PageCharts.runLabel(r) + "\"").collect(Collectors.joining(", "))).append("]\n    y-axis \"ms\"\n    line [")
        .append(h.runs().stream().map(r -> String.valueOf(r.p95Ms().get(LoadOverTime.FOLLOWED))).collect(Collectors.joining(", "))).append("]\n```\n");
  }
}
