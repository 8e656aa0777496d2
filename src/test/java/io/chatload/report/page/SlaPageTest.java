package io.chatload.report.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatload.report.JourneyOrder;
import io.chatload.report.MedianTrend;
import io.chatload.report.RunHistory;
import io.chatload.report.SampleSummaries;
import io.chatload.report.SlaSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sla-summary.html read back with a real HTML parser: what an architect sees is what the run measured. */
class SlaPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Sample pages for a look in a browser (target/page-samples/<name>/sla-summary.html). */
  private static final Path SAMPLES = Path.of(System.getProperty("chatload.projectDir", "."), "target", "page-samples");

  private static Document page(SlaSummary s, String sample) throws Exception {
    String html = SlaPage.render(s);
    Path dir = SAMPLES.resolve(sample);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(SummaryWriters.HTML), html);
    return Jsoup.parse(html);
  }

  private static JsonNode option(Document doc, String chart) throws Exception {
    Element script = doc.getElementById("chart-" + chart + "-option");
    assertNotNull(script, "chart " + chart + " is on the page");
    assertNotNull(doc.getElementById("chart-" + chart), "and has a place to draw");
    return JSON.readTree(script.data());
  }

  private static JsonNode series(JsonNode option, String name) {
    for (JsonNode s : option.path("series")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no series " + name + " in " + option.path("series"));
  }

  private static List<Double> values(JsonNode series) {
    List<Double> out = new ArrayList<>();
    for (JsonNode d : series.path("data")) {
      JsonNode v = d.isObject() ? d.path("value") : d;
      out.add(v.isNull() ? null : v.asDouble());
    }
    return out;
  }

  @Test
  void theWaterfallHasTheJourneyInOrderWithTheRunsNumbers() throws Exception {
    Document doc = page(SampleSummaries.run(3200), "clean");
    JsonNode w = option(doc, "waterfall");
    List<String> steps = new ArrayList<>();
    w.path("yAxis").path("data").forEach(c -> steps.add(c.path("value").asText()));
    assertEquals(JourneyOrder.GOLDEN_PATH, steps);
    for (String p : List.of("p50", "p95", "p99")) {
      int column = List.of("p50", "p95", "p99").indexOf(p);
      List<Double> expected = steps.stream().map(st -> (double) (p.equals("p99") && st.equals("agent_completed") ? 3400
          : SampleSummaries.FIGURES.get(st)[column])).toList();
      assertEquals(expected, values(series(w, p)), p);
    }
    assertTrue(series(w, "p95 SLA threshold").path("data").toString().contains("[5000.0,\"agent_completed\"]"), "threshold marked");
    List<String> rows = doc.select("#waterfall-table tr[data-step]").eachAttr("data-step");
    assertEquals(JourneyOrder.GOLDEN_PATH, rows, "the table in the same order");
    assertEquals("3200", doc.selectFirst("#waterfall-table tr[data-step=agent_completed] td:eq(2)").text());
    assertTrue(doc.select("#waterfall-table tr.breached").isEmpty());
    assertEquals("All SLAs held — EnterpriseLoad", doc.selectFirst("#verdict .headline").text());
    assertNull(doc.selectFirst("#verdict .reason"));
  }

  @Test
  void aBreachedSlaIsMarkedInTheBannerTheWaterfallTheHeadroomAndTheTable() throws Exception {
    Document doc = page(SampleSummaries.run(6210), "breached");
    assertTrue(doc.selectFirst("#verdict").hasClass("fail"));
    assertEquals("SLA breached — EnterpriseLoad", doc.selectFirst("#verdict .headline").text());
    String reason = doc.selectFirst("#verdict .reason").text();
    assertTrue(reason.contains("agent_completed was 6210 ms (124 % of the threshold) against p95 ≤ 5000 ms"), reason);
    Element row = doc.selectFirst("#sla-table tr[data-sla^=agent_completed: 95th percentile]");
    assertTrue(row.hasClass("fail") && row.selectFirst("td.verdict").text().equals("BREACHED"), row.outerHtml());
    assertEquals("p95 ≤ 5000 ms", row.child(0).text(), "the sentence shortened");
    assertEquals(1, doc.select("#sla-table td.verdict:containsOwn(BREACHED)").size(), "only the breached SLA");
    assertTrue(doc.selectFirst("#waterfall-table tr[data-step=agent_completed]").hasClass("breached"));
    JsonNode waterfall = option(doc, "waterfall");
    JsonNode last = waterfall.path("yAxis").path("data").get(7);
    assertEquals(PageCharts.BAD, last.path("textStyle").path("color").asText(), "the breached step stands out");
    JsonNode headroom = option(doc, "headroom");
    assertEquals("agent_completed p95 ≤ 5000 ms", headroom.path("yAxis").path("data").get(0).path("value").asText(), "worst first");
    assertEquals(124.2, values(headroom.path("series").get(0)).get(0), 0.01);
    // the SLA table stays grouped by request, in journey order
    assertEquals(List.of("login", "agent_started", "tool_completed", "agent_completed", "isolation", "Global"),
        doc.select("#sla-table tr.group th").eachText());
  }

  @Test
  void historyPointsAreTheHistoryFilesValues(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(TrendSettingsFile.NAME);
    int[] p95 = {1000, 1100, 950, 1020, 990};
    double[] errors = {0, 0.2, 0, 0.1, 0};
    for (int i = 0; i < p95.length; i++) {
      RunHistory.append(file, SampleSummaries.night(i + 1, p95[i], errors[i]));
    }
    SlaSummary now = SampleSummaries.run(1010);
    SlaSummary.History h = MedianTrend.judge(file.toString(), RunHistory.read(file), RunHistory.lineOf(now), 7, 30, 10);
    Document doc = page(now.withHistory(h), "history");
    JsonNode chart = option(doc, "history");
    List<SlaSummary.HistoryRun> fromFile = RunHistory.read(file);
    List<Double> expected = new ArrayList<>(fromFile.stream().map(r -> r.p95Ms().get("agent_completed").doubleValue()).toList());
    expected.add(1010.0);
    assertEquals(expected, values(series(chart, "agent_completed p95")));
    List<Double> expectedErrors = new ArrayList<>(fromFile.stream().map(r -> r.errorPct().get("journey")).toList());
    expectedErrors.add(0.0);
    assertEquals(expectedErrors, values(series(chart, "error % (journey)")));
    assertEquals(6, chart.path("xAxis").path("data").size());
    assertEquals(6, doc.select("#history-table tr:has(td)").size());
    assertTrue(doc.select("#median-table tr.regression").isEmpty(), "1010 ms is the median's level");
  }

  @Test
  void aPlantedRegressionIsFlaggedAgainstTheMedianNotAgainstOneNight(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(TrendSettingsFile.NAME);
    // seven nights near 1000 ms, the last one noisy (lucky): 400 ms
    int[] nights = {1000, 1010, 990, 1005, 995, 1000, 400};
    for (int i = 0; i < nights.length; i++) {
      RunHistory.append(file, SampleSummaries.night(i + 1, nights[i], 0));
    }
    // 1050 ms: +160 % on last night alone, +5 % on the median — not a regression
    SlaSummary steady = SampleSummaries.run(1050);
    SlaSummary.History calm = MedianTrend.judge(file.toString(), RunHistory.read(file), RunHistory.lineOf(steady), 7, 30, 10);
    assertFalse(regressed(calm, "agent_completed"), calm.vsMedian().toString());
    assertTrue(page(steady.withHistory(calm), "history-calm").select("#median-table tr.regression").isEmpty());

    // now one noisy (slow) night before: 2500 ms; tonight 2500 ms too is still a regression against the median
    RunHistory.append(file, SampleSummaries.night(8, 2500, 0));
    SlaSummary planted = SampleSummaries.run(2500);
    SlaSummary.History h = MedianTrend.judge(file.toString(), RunHistory.read(file), RunHistory.lineOf(planted), 7, 30, 10);
    SlaSummary.Delta d = h.vsMedian().stream().filter(x -> x.request().equals("agent_completed") && x.metric().equals("p95Ms")).findFirst().orElseThrow();
    assertEquals(1000.0, d.baseline(), "the median of nights 2-8, not last night's 2500");
    assertTrue(d.regression());
    Document doc = page(planted.withHistory(h), "history-regression");
    Element row = doc.selectFirst("#median-table tr.regression[data-request=agent_completed][data-metric=p95Ms]");
    assertNotNull(row, doc.select("#median-table").outerHtml());
    assertEquals("regression", series(option(doc, "history"), "agent_completed p95").path("markPoint").path("data").get(0).path("name").asText());
    assertTrue(doc.selectFirst("#history p").text().contains("1 regression(s)"));
  }

  private static boolean regressed(SlaSummary.History h, String request) {
    return h.vsMedian().stream().anyMatch(x -> x.request().equals(request) && x.metric().equals("p95Ms") && x.regression());
  }

  @Test
  void aSteppedRunShowsItsStepsAndTheKnee() throws Exception {
    SlaSummary base = SampleSummaries.run(3200);
    List<SlaSummary.Step> steps = List.of(new SlaSummary.Step(200, 60.5, 1800.0, 0, true), new SlaSummary.Step(400, 118.2, 2600.0, 0.1, true),
        new SlaSummary.Step(600, 150.0, 5400.0, 2.5, false), new SlaSummary.Step(800, 140.0, null, 30.0, false));
    SlaSummary stress = SlaSummary.of(base.run(), true).slas(base.slas()).requests(base.requests())
        .checks(List.of(new SlaSummary.Check("capacity (last step within the agent_completed SLA)", true, "capacity: 400 concurrent users")))
        .steps(steps).overTime(base.overTime()).build();
    Document doc = page(stress, "stress");
    assertEquals(List.of("200", "400", "600", "800"), doc.select("#steps-table tr[data-users]").eachAttr("data-users"));
    assertEquals("400", doc.selectFirst("#steps-table tr.knee").attr("data-users"));
    JsonNode chart = option(doc, "steps");
    assertEquals("400", series(chart, "p95 agent_completed").path("markLine").path("data").get(0).path("xAxis").asText());
    assertEquals(List.of(0.0, 0.1, 2.5, 30.0), values(series(chart, "error %")));
    assertTrue(doc.selectFirst("#steps").text().contains("Knee: 400 concurrent users"));
    assertTrue(doc.select("#over-time ul.checks li").text().contains("capacity: 400 concurrent users"));
  }

  @Test
  void whatWasCheckedIsUnknownUntilFilledAndAnEarlyStopIsInTheBanner() throws Exception {
    SlaSummary base = SampleSummaries.run(3200);
    Document unknown = page(base, "clean");
    assertEquals("unknown", unknown.getElementById("dialect").text());
    assertEquals("unknown", unknown.getElementById("identity-fields").text());
    assertEquals("No KO.", unknown.getElementById("ko-reasons").text());
    assertEquals("index.html", unknown.selectFirst("#checked a").attr("href"));

    SlaSummary.Checked checked = new SlaSummary.Checked("bridge", "run_id + user_id",
        "12.5 % of the 8 agent events the delivery check judged (1) carried no usable timestamp",
        Map.of("agent_thinking missing: agent_completed arrived without it", List.of("user 7 run r-12", "user 9 run r-40")));
    SlaSummary stopped = SlaSummary.of(base.run(), false).slas(base.slas()).requests(base.requests())
        .errors(Map.of("agent_thinking missing: agent_completed arrived without it", 12)).checked(checked)
        .stoppedEarly(new SlaSummary.StoppedEarly("p95 of agent_completed above 10 s for 30 s", 95, 480)).overTime(base.overTime()).build();
    Document doc = page(stopped, "stopped");
    assertTrue(doc.selectFirst("#verdict .headline").text().contains("stopped early"));
    assertEquals("Stopped early at 95 s with 480 active users: p95 of agent_completed above 10 s for 30 s",
        doc.selectFirst("#verdict .stopped-early").text());
    assertEquals("bridge", doc.getElementById("dialect").text());
    assertTrue(doc.getElementById("timestamps").text().startsWith("12.5 % of the 8 agent events"), doc.getElementById("timestamps").text());
    Element reason = doc.selectFirst("#ko-reasons tr:has(td)");
    assertEquals("12", reason.child(1).text());
    assertEquals(List.of("user 7 run r-12", "user 9 run r-40"), reason.select("ul.samples li").eachText());
  }

  @Test
  void thePageNeedsNoNetwork() throws Exception {
    Document doc = page(SampleSummaries.run(3200), "clean");
    assertTrue(doc.select("script[src], link[href], img[src], iframe").isEmpty(), "nothing loaded from elsewhere");
    assertTrue(doc.select("script:not([type])").stream().anyMatch(s -> s.data().contains("Apache License")), "the chart library is inlined");
  }

  @Test
  void theJobSummaryHasTheVerdictTheHeadroomListAndAChart() {
    String md = MarkdownSummary.render(SampleSummaries.run(6210));
    assertTrue(md.startsWith("## ❌ EnterpriseLoad — SLA breached"), md);
    assertTrue(md.contains("**Worst breach: agent_completed was 6210 ms"), md);
    assertTrue(md.contains("- 🔴 agent_completed p95 ≤ 5000 ms: 6210 ms (124 % of the threshold)"), md);
    assertTrue(md.indexOf("🔴") < md.indexOf("🟢"), "worst first");
    assertTrue(md.contains("```mermaid\nxychart-beta") && md.contains("bar [200, 60, 19, 140, 540, 690, 1390, 6210]"), md);
  }

  /** The file name a -Dhistory folder holds. */
  private static final class TrendSettingsFile {
    static final String NAME = io.chatload.config.TrendSettings.HISTORY_FILE;
  }
}
