package io.chatload.report.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.report.Headroom;
import io.chatload.report.JourneyOrder;
import io.chatload.report.JourneyWaterfall;
import io.chatload.report.MeasuredVerdict;
import io.chatload.report.MedianTrend;
import io.chatload.report.RunResults;
import io.chatload.report.SlaSentence;
import io.chatload.report.SlaSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * sla-summary.html: the page an architect decides from — the verdict and why, where in the journey
 * the time goes, how far each figure is from its threshold, the run over time, the last runs, and
 * what was checked. Self-contained: the chart library and every chart's data are inlined. Each
 * chart's data also stands in a table, for a reader without script and for the tests.
 */
public final class SlaPage {
  private final SlaSummary s;
  private final StringBuilder h = new StringBuilder();
  private final Map<String, ObjectNode> charts = new LinkedHashMap<>();

  private SlaPage(SlaSummary s) {
    this.s = s;
  }

  public static String render(SlaSummary s) {
    return new SlaPage(s).page();
  }

  private String page() {
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>SLA summary — ").append(esc(s.run().simulation())).append("</title><style>").append(CSS).append("</style></head><body>");
    banner();
    runLine();
    journey();
    headroom();
    overTheRun();
    history();
    requests();
    checked();
    injector();
    scripts();
    return h.append("</body></html>\n").toString();
  }

  private void banner() {
    boolean stopped = s.stoppedEarly() != null;
    String look = s.inconclusive() ? "inconclusive" : s.passed() ? "pass" : "fail";
    h.append("<header id=\"verdict\" class=\"banner ").append(look).append(stopped ? " stopped" : "").append("\" data-verdict=\"")
        .append(esc(s.verdict())).append("\">")
        .append("<div class=\"headline\">").append(esc(BannerWords.headline(s))).append(" — ").append(esc(s.run().simulation())).append("</div>");
    String reason = s.inconclusive() ? s.measurement().why() : BannerWords.reason(s);
    if (!reason.isEmpty()) {
      h.append("<div class=\"reason\">").append(esc(reason)).append("</div>");
    }
    if (s.measurement() != null) {
      String inflated = s.passed() && s.measurement().injectorLateMaxMs() >= MeasuredVerdict.INFLATION_WORTH_SAYING_MS
          ? String.format(java.util.Locale.ROOT, " · figures may be inflated by up to %,d ms by the injector's own lateness; the verdict stands",
              s.measurement().injectorLateMaxMs())
          : "";
      h.append("<div id=\"frames-judged\" class=\"frames\">").append(esc(BannerWords.framesJudged(s) + inflated)).append("</div>");
    }
    if (stopped) {
      h.append("<div class=\"stopped-early\">").append(esc(BannerWords.stoppedEarly(s))).append("</div>");
    }
    if (s.injector() != null && s.injector().saturated()) {
      h.append("<div id=\"injector-warning\" class=\"injector-saturated\">⚠ ").append(esc(s.injector().verdict())).append("</div>");
    }
    h.append("</header>");
  }

  private void runLine() {
    SlaSummary.Run r = s.run();
    h.append("<p class=\"run\">Target <b>").append(esc(r.target())).append("</b> · ").append(esc(r.load())).append(" · ")
        .append(r.durationSeconds()).append(" s · commit <code>").append(esc(shortCommit(r.gitCommit()))).append("</code> · started ")
        .append(esc(r.startedAt())).append(" · cross-user leaks: <b class=\"").append(s.crossUserLeaks() == 0 ? "ok" : "bad").append("\">")
        .append(s.crossUserLeaks()).append("</b> · <a href=\"index.html\">Gatling report</a></p>");
  }

  private void journey() {
    List<JourneyWaterfall.Step> steps = JourneyWaterfall.of(s);
    h.append("<section id=\"journey\"><h2>Where the time goes</h2>");
    if (steps.isEmpty()) {
      h.append("<p class=\"muted\">No step of the golden path was measured.</p></section>");
      return;
    }
    h.append("<p class=\"muted\">The golden path in order: p50 (dark) / p95 / p99 (light) of each step, events measured from the send; ")
        .append("the black tick is the step's p95 SLA threshold, the grey one its p99. A breached step is red.</p>");
    chart("waterfall", PageCharts.waterfall(steps), 70 + 42 * steps.size());
    h.append("<details><summary>figures</summary><table id=\"waterfall-table\"><tr><th>step</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th>")
        .append("<th>p95 SLA</th><th>p99 SLA</th><th>verdict</th></tr>");
    for (JourneyWaterfall.Step st : steps) {
      h.append("<tr data-step=\"").append(esc(st.name())).append("\" class=\"").append(st.breached() ? "fail breached" : "pass").append("\"><td>")
          .append(esc(st.name())).append("</td><td>").append(st.p50()).append("</td><td>").append(st.p95()).append("</td><td>").append(st.p99())
          .append("</td><td>").append(SlaSentence.number(st.p95Threshold())).append("</td><td>").append(SlaSentence.number(st.p99Threshold()))
          .append("</td><td>").append(st.breached() ? "BREACHED" : "held").append("</td></tr>");
    }
    h.append("</table></details></section>");
  }

  private void headroom() {
    List<Headroom.Item> items = Headroom.of(s);
    h.append("<section id=\"headroom\"><h2>Headroom</h2>");
    if (!items.isEmpty()) {
      h.append("<p class=\"muted\">Each SLA as the share of its threshold the run used (actual ÷ threshold; for an \"at least\" SLA, ")
          .append("threshold ÷ actual), worst first. Past 100 % is breached; past 80 % is close.</p>");
      chart("headroom", PageCharts.headroom(items), 60 + 26 * items.size());
    }
    slaTable();
    h.append("</section>");
  }

  /** Every SLA grouped by request in journey order, its sentence shortened (the full one on hover). */
  private void slaTable() {
    Map<String, List<SlaSummary.Sla>> byRequest = new LinkedHashMap<>();
    for (String request : JourneyOrder.sorted(s.slas().stream().map(x -> SlaSentence.parse(x.name()).request()).distinct().toList())) {
      byRequest.put(request, new ArrayList<>());
    }
    s.slas().forEach(x -> byRequest.get(SlaSentence.parse(x.name()).request()).add(x));
    h.append("<table id=\"sla-table\"><tr><th>SLA</th><th>threshold</th><th>actual</th><th>used</th><th>verdict</th></tr>");
    byRequest.forEach((request, slas) -> {
      h.append("<tr class=\"group\"><th colspan=\"5\">").append(esc(request.isEmpty() ? "(other)" : request)).append("</th></tr>");
      for (SlaSummary.Sla sla : slas) {
        Headroom.Item i = Headroom.item(sla);
        h.append("<tr class=\"").append(sla.passed() ? "pass" : "fail").append("\" data-sla=\"").append(esc(sla.name())).append("\" title=\"")
            .append(esc(sla.name())).append("\"><td>").append(esc(i.shortText())).append("</td><td>").append(SlaSentence.number(sla.threshold()))
            .append("</td><td>").append(sla.error() != null ? esc(sla.error()) : SlaSentence.number(sla.actual())).append("</td><td>")
            .append(String.format(Locale.ROOT, "%.0f %%", i.usedPct())).append("</td><td class=\"verdict\">")
            .append(sla.passed() ? "held" : "BREACHED").append("</td></tr>");
      }
    });
    if (!s.checks().isEmpty()) {
      h.append("<tr class=\"group\"><th colspan=\"5\">run-level checks</th></tr>");
      for (SlaSummary.Check c : s.checks()) {
        h.append("<tr class=\"").append(c.passed() ? "pass" : "fail").append("\" data-check=\"").append(esc(c.name())).append("\"><td>")
            .append(esc(c.name())).append("</td><td colspan=\"3\" class=\"text\">").append(esc(c.detail())).append("</td><td class=\"verdict\">")
            .append(c.passed() ? "held" : "BREACHED").append("</td></tr>");
      }
    }
    h.append("</table>");
  }

  private void overTheRun() {
    h.append("<section id=\"over-time\"><h2>Over the run</h2>");
    if (s.overTime().isEmpty()) {
      h.append("<p class=\"muted\">No timeline recorded.</p>");
    } else {
      h.append("<p class=\"muted\">Concurrent users, p95 of agent_completed and the error share of all requests, per bucket of Gatling's ")
          .append("own timeline: a knee, a drift or a spike's recovery shows here.</p>");
      chart("over-time", PageCharts.overTime(s.overTime(), p95Threshold("agent_completed")), 380);
    }
    // Soak's drift, Spike's recovery, Stress's capacity: the simulations' verdicts over time
    if (!s.checks().isEmpty()) {
      h.append("<ul class=\"checks\">");
      for (SlaSummary.Check c : s.checks()) {
        h.append("<li class=\"").append(c.passed() ? "pass" : "fail").append("\"><b>").append(esc(c.name())).append("</b>: ")
            .append(esc(c.detail())).append(c.passed() ? "" : " — <b>BREACHED</b>").append("</li>");
      }
      h.append("</ul>");
    }
    steps();
    h.append("</section>");
  }

  private void steps() {
    if (s.steps().isEmpty()) {
      return;
    }
    SlaSummary.Step knee = null;
    for (SlaSummary.Step st : s.steps()) {
      knee = st.held() ? st : knee;
    }
    h.append("<div id=\"steps\"><h3>Load steps</h3><p>")
        .append(knee == null ? "No step held the SLA." : "Knee: <b>" + knee.users() + " concurrent users</b>, the last step that held.")
        .append("</p>");
    chart("steps", PageCharts.steps(s.steps()), 320);
    h.append("<table id=\"steps-table\"><tr><th>users</th><th>throughput /s</th><th>p95 ms</th><th>error %</th><th>verdict</th></tr>");
    for (SlaSummary.Step st : s.steps()) {
      h.append(String.format(Locale.ROOT, "<tr class=\"%s%s\" data-users=\"%d\"><td>%d</td><td>%.1f</td><td>%s</td><td>%.2f</td><td>%s</td></tr>",
          st.held() ? "pass" : "fail", st == knee ? " knee" : "", st.users(), st.users(), st.throughputPerSec(),
          SlaSentence.number(st.p95Ms()), st.errorPct(), st.held() ? (st == knee ? "held (knee)" : "held") : "broke"));
    }
    h.append("</table></div>");
  }

  private void history() {
    SlaSummary.History hist = s.history();
    if (hist == null && s.trend().isEmpty()) {
      return;
    }
    h.append("<section id=\"history\"><h2>History</h2>");
    if (hist != null) {
      long regressions = hist.vsMedian().stream().filter(SlaSummary.Delta::regression).count();
      h.append("<p>").append(hist.runs().size()).append(" run(s) of this simulation on this target, this one last (")
          .append(esc(hist.file())).append("). Against the median of the previous ").append(hist.window()).append(" runs: ")
          .append(regressions == 0 ? "<b class=\"ok\">no regression</b>" : "<b class=\"bad\">" + regressions + " regression(s)</b>").append(".</p>");
      if (hist.runs().size() > 1) {
        chart("history", PageCharts.history(hist), 360);
      }
      historyTable(hist);
      if (!hist.vsMedian().isEmpty()) {
        h.append("<table id=\"median-table\"><tr><th>request</th><th>metric</th><th>median of previous ").append(hist.window())
            .append("</th><th>now</th><th>change</th></tr>");
        for (SlaSummary.Delta d : hist.vsMedian()) {
          delta(d);
        }
        h.append("</table>");
      } else {
        h.append("<p class=\"muted\">Not judged yet: fewer than ").append(MedianTrend.MIN_RUNS).append(" earlier runs.</p>");
      }
    }
    if (!s.trend().isEmpty()) {
      h.append("<h3>Against the baseline</h3><table id=\"baseline-table\"><tr><th>request</th><th>metric</th><th>baseline</th><th>now</th><th>change</th></tr>");
      s.trend().forEach(this::delta);
      h.append("</table>");
    }
    h.append("</section>");
  }

  private void historyTable(SlaSummary.History hist) {
    List<String> events = PageCharts.historyEvents(hist);
    String errorsOf = PageCharts.errorRequest(hist);
    h.append("<details><summary>figures per run</summary><table id=\"history-table\"><tr><th>run</th><th>commit</th>");
    events.forEach(e -> h.append("<th>").append(esc(e)).append(" p95</th>"));
    h.append("<th>error % (").append(esc(errorsOf)).append(")</th></tr>");
    for (SlaSummary.HistoryRun r : hist.runs()) {
      h.append("<tr><td>").append(esc(PageCharts.runLabel(r))).append("</td><td><code>").append(esc(shortCommit(r.gitCommit()))).append("</code></td>");
      events.forEach(e -> h.append("<td>").append(r.p95Ms().containsKey(e) ? r.p95Ms().get(e) : "").append("</td>"));
      Double err = r.errorPct() == null ? null : r.errorPct().get(errorsOf);
      h.append("<td>").append(err == null ? "" : String.format(Locale.ROOT, "%.2f", err)).append("</td></tr>");
    }
    h.append("</table></details>");
  }

  private void delta(SlaSummary.Delta d) {
    h.append(String.format(Locale.ROOT, "<tr class=\"%s\" data-request=\"%s\" data-metric=\"%s\"><td>%s</td><td>%s</td><td>%.1f</td><td>%.1f</td><td>%+.1f %s%s</td></tr>",
        d.regression() ? "fail regression" : "", esc(d.request()), esc(d.metric()), esc(d.request()), esc(d.metric()), d.baseline(), d.current(),
        d.changePct(), d.metric().equals("errorPct") ? "points" : "%", d.regression() ? " — regression" : ""));
  }

  private void requests() {
    h.append("<section id=\"requests\"><h2>Requests and events</h2><table id=\"requests-table\"><tr><th>request</th><th>count</th><th>KO</th>")
        .append("<th>error %</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th></tr>");
    for (String name : JourneyOrder.sorted(s.requests().stream().map(RunResults.RequestStats::name).toList())) {
      RunResults.RequestStats r = s.requests().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      h.append(String.format(Locale.ROOT, "<tr class=\"%s\"><td>%s</td><td>%d</td><td>%d</td><td>%.2f</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>",
          r.ko() > 0 ? "warn" : "", esc(r.name()), r.count(), r.ko(), r.errorPct(), r.p50(), r.p95(), r.p99(), r.max()));
    }
    h.append("</table></section>");
  }

  private void checked() {
    SlaSummary.Checked c = s.checked();
    h.append("<section id=\"checked\"><h2>What was checked</h2><dl>")
        .append("<dt>wire dialect seen</dt><dd id=\"dialect\">").append(esc(orUnknown(c.dialect()))).append("</dd>")
        .append("<dt>identity fields isolation was judged on</dt><dd id=\"identity-fields\">").append(esc(orUnknown(c.identityFields()))).append("</dd>")
        .append("<dt>event timestamps (delivery check)</dt><dd id=\"timestamps\">").append(esc(orUnknown(c.timestamps()))).append("</dd>")
        .append("<dt>cross-user leaks</dt><dd><b class=\"").append(s.crossUserLeaks() == 0 ? "ok" : "bad").append("\">").append(s.crossUserLeaks())
        .append("</b></dd><dt>Gatling's own report</dt><dd><a href=\"index.html\">index.html</a> in this folder</dd></dl>");
    Set<String> kinds = new LinkedHashSet<>(s.errors().keySet());
    kinds.addAll(c.koSamples().keySet());
    if (kinds.isEmpty()) {
      h.append("<p id=\"ko-reasons\" class=\"ok\">No KO.</p>");
    } else {
      h.append("<table id=\"ko-reasons\"><tr><th>KO reason</th><th>count</th></tr>");
      for (String kind : kinds) {
        List<String> samples = c.koSamples().getOrDefault(kind, List.of());
        h.append("<tr><td class=\"text\">").append(esc(kind));
        if (!samples.isEmpty()) {
          h.append("<details><summary>").append(samples.size()).append(" sample(s)</summary><ul class=\"samples\">");
          samples.forEach(x -> h.append("<li><code>").append(esc(x)).append("</code></li>"));
          h.append("</ul></details>");
        }
        Integer count = s.errors().get(kind);
        h.append("</td><td>").append(count == null ? "" : count).append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("</section>");
  }

  /** The injector's own figures over the run (InjectorWatch), and whether it was saturated. */
  private void injector() {
    SlaSummary.Injector i = s.injector();
    if (i == null) {
      return;
    }
    h.append("<section id=\"injector\"><h2>The injector itself</h2><p class=\"").append(i.saturated() ? "bad" : "ok").append("\"><b>")
        .append(i.saturated() ? "Saturated" : "Not saturated").append("</b> — ").append(esc(i.thresholds())).append(".</p>")
        .append("<table id=\"injector-table\"><tr><th>figure</th><th>value</th></tr>");
    row("process CPU, median of the seconds (% of " + i.cores() + " cores)", fmt(i.cpuPctMedian()));
    row("process CPU, highest second (%)", fmt(i.cpuPctMax()));
    row("longest stretch at or above the CPU threshold (s)", String.valueOf(i.cpuSaturatedSeconds()));
    row("busiest thread, highest second (% of one core)", i.hotThreadPctMax() == null ? "unknown"
        : fmt(i.hotThreadPctMax()) + (i.hotThread() == null ? "" : " (" + i.hotThread() + ")"));
    row("longest stretch of one thread at or above the CPU threshold (s)", String.valueOf(i.hotThreadSaturatedSeconds()));
    row("machine CPU, median (%, every process)", i.machineCpuPctMedian() == null ? "unknown" : fmt(i.machineCpuPctMedian()));
    row("GC pauses", String.valueOf(i.gcPauses()));
    row("GC pause time in all (ms)", String.valueOf(i.gcPauseTotalMs()));
    row("longest GC pause (ms)", String.valueOf(i.gcPauseMaxMs()));
    row("event loops late by, p99 (ms)", String.valueOf(i.timerLagP99Ms()));
    row("event loops late by, max (ms)", String.valueOf(i.timerLagMaxMs()));
    row("late frames the injector's lateness explains (not KO)", String.valueOf(i.lateFramesExcused()));
    row("seconds watched", String.valueOf(i.watchedSeconds()));
    h.append("</table><p id=\"injector-verdict\">").append(esc(i.verdict())).append("</p></section>");
  }

  private void row(String figure, String value) {
    h.append("<tr><td>").append(esc(figure)).append("</td><td>").append(esc(value)).append("</td></tr>");
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  private void chart(String id, ObjectNode option, int heightPx) {
    charts.put(id, option);
    h.append("<figure class=\"chart-figure\"><div class=\"chart\" id=\"chart-").append(id).append("\" style=\"height:").append(heightPx)
        .append("px\"></div><script type=\"application/json\" id=\"chart-").append(id).append("-option\">").append(PageCharts.json(option))
        .append("</script></figure>");
  }

  private void scripts() {
    if (charts.isEmpty()) {
      return;
    }
    h.append("<script>/* Apache ECharts ").append(ChartLibrary.version()).append(" — Apache License 2.0 */\n").append(ChartLibrary.script()).append("</script>")
        .append("<script>document.querySelectorAll('.chart').forEach(function (el) {")
        .append("var chart = echarts.init(el, null, {renderer: 'svg'});")
        .append("chart.setOption(JSON.parse(document.getElementById(el.id + '-option').textContent));")
        .append("window.addEventListener('resize', function () { chart.resize(); });});</script>");
  }

  private Double p95Threshold(String request) {
    return s.slas().stream().filter(x -> {
      SlaSentence p = SlaSentence.parse(x.name());
      return p.request().equals(request) && p.metric().equals("p95");
    }).map(SlaSummary.Sla::threshold).findFirst().orElse(null);
  }

  private static String orUnknown(String v) {
    return v == null || v.isBlank() ? "unknown" : v;
  }

  static String shortCommit(String sha) {
    return sha != null && sha.matches("[0-9a-f]{40}") ? sha.substring(0, 10) : String.valueOf(sha);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = String.join("",
      "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1300px;padding:0 1.5em;color:#202124}",
      "h2{margin-top:1.6em;border-bottom:1px solid #dadce0;padding-bottom:.2em}h3{margin-top:1.2em}",
      "table{border-collapse:collapse;margin:.8em 0}td,th{border:1px solid #dadce0;padding:.25em .6em;text-align:right}",
      "td:first-child,th:first-child,td.text{text-align:left}tr.group th{background:#f1f3f4;text-align:left}",
      ".pass td.verdict{color:#188038}.fail{background:#fce8e6}.fail td.verdict{color:#d93025;font-weight:bold}.warn{background:#fff4e5}",
      ".banner{padding:.9em 1.2em;border-radius:6px}.banner.pass{background:#e6f4ea;border-left:8px solid #188038}",
      ".banner.fail{background:#fce8e6;border-left:8px solid #d93025}.banner.stopped{border-left-color:#f29900}",
      ".banner.inconclusive{background:#fff4e5;border-left:8px solid #f29900}.banner .frames{margin-top:.3em;font-size:.9em;color:#444}",
      ".headline{font-size:1.5em;font-weight:bold}.reason,.stopped-early{margin-top:.3em;font-size:1.05em}",
      ".stopped-early{font-weight:bold;color:#b06000}.run{color:#3c4043}.muted{color:#5f6368}.ok{color:#188038}.bad{color:#d93025}",
      "figure{margin:.5em 0}.chart{width:100%}ul.checks li.fail{color:#d93025}ul.checks li{margin:.2em 0;background:none}",
      "details{margin:.3em 0}summary{cursor:pointer;color:#1a73e8}dt{font-weight:bold;margin-top:.4em}dd{margin-left:1.5em}",
      "tr.knee{outline:2px solid #202124}ul.samples{margin:.2em 0;padding-left:1.2em}",
      ".injector-saturated{margin-top:.5em;padding:.5em .8em;background:#fff4e5;border:2px solid #f29900;font-weight:bold;color:#8a4b00}");
}
