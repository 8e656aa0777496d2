package io.chatload.report.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.report.Headroom;
import io.chatload.report.JourneyOrder;
import io.chatload.report.JourneyWaterfall;
import io.chatload.report.SlaSentence;
import io.chatload.report.SlaSummary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The page's charts as Apache ECharts options (plain JSON, rendered by the inlined library in the
 * browser). Each method turns one part of the summary into one chart; nothing here draws.
 */
public final class PageCharts {
  static final String OK = "#188038";
  static final String WARN = "#f29900";
  static final String BAD = "#d93025";
  static final String INK = "#202124";
  private static final String[] SERIES_COLORS = {"#1a73e8", "#12b5cb", "#9334e6", "#e8710a", "#188038", "#d01884", "#5f6368", "#b06000"};
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter RUN_LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private PageCharts() {}

  /** The golden path as overlaid horizontal bars (p99 behind p95 behind p50) with SLA thresholds as ticks. */
  public static ObjectNode waterfall(List<JourneyWaterfall.Step> steps) {
    ObjectNode o = base();
    o.putObject("tooltip").put("trigger", "axis").putObject("axisPointer").put("type", "shadow");
    o.putObject("legend").put("top", 0);
    grid(o, 150, 270, 36, 40);
    o.putObject("xAxis").put("type", "value").put("name", "ms (events: from the send)").put("nameLocation", "middle").put("nameGap", 26);
    ArrayNode categories = o.putObject("yAxis").put("type", "category").put("inverse", true).putArray("data");
    ArrayNode p50 = F.arrayNode();
    ArrayNode p95 = F.arrayNode();
    ArrayNode p99 = F.arrayNode();
    ArrayNode p95Limits = F.arrayNode();
    ArrayNode p99Limits = F.arrayNode();
    for (JourneyWaterfall.Step s : steps) {
      ObjectNode category = categories.addObject().put("value", s.name());
      if (s.breached()) {
        category.putObject("textStyle").put("color", BAD).put("fontWeight", "bold");
      }
      p99.add(bar(s.p99(), s.breached() ? "#f6aea9" : "#d2e3fc")
          .set("label", F.objectNode().put("show", true).put("position", "right")
              .put("formatter", s.p50() + " / " + s.p95() + " / " + s.p99() + " ms" + (s.breached() ? "  BREACHED" : ""))
              .put("color", s.breached() ? BAD : INK)));
      p95.add(bar(s.p95(), s.breached() ? "#ea4335" : "#8ab4f8"));
      p50.add(bar(s.p50(), s.breached() ? "#a50e0e" : "#1a73e8"));
      if (s.p95Threshold() != null) {
        p95Limits.addArray().add(s.p95Threshold()).add(s.name());
      }
      if (s.p99Threshold() != null) {
        p99Limits.addArray().add(s.p99Threshold()).add(s.name());
      }
    }
    ArrayNode series = o.putArray("series");
    series.add(barSeries("p99", p99, "#d2e3fc").put("barGap", "-100%").put("barWidth", "60%"));
    series.add(barSeries("p95", p95, "#8ab4f8").put("barGap", "-100%").put("barWidth", "60%"));
    series.add(barSeries("p50", p50, "#1a73e8").put("barGap", "-100%").put("barWidth", "60%"));
    series.add(thresholdTicks("p95 SLA threshold", p95Limits, INK, 4));
    series.add(thresholdTicks("p99 SLA threshold", p99Limits, "#80868b", 2));
    return o;
  }

  /** Each SLA as the share of its threshold it uses, worst first, on bands: comfortable, close, breached. */
  public static ObjectNode headroom(List<Headroom.Item> items) {
    ObjectNode o = base();
    o.putObject("tooltip").put("trigger", "item");
    grid(o, 260, 330, 10, 40);
    double max = Math.max(120, Math.min(Headroom.SCALE_MAX_PCT, items.stream().mapToDouble(Headroom.Item::usedPct).max().orElse(0)));
    o.putObject("xAxis").put("type", "value").put("name", "% of threshold").put("nameLocation", "middle").put("nameGap", 26)
        .put("min", 0).put("max", Math.ceil(max / 10) * 10);
    ArrayNode categories = o.putObject("yAxis").put("type", "category").put("inverse", true).putArray("data");
    ArrayNode data = F.arrayNode();
    for (Headroom.Item i : items) {
      ObjectNode category = categories.addObject().put("value", i.label());
      if (!i.passed()) {
        category.putObject("textStyle").put("color", BAD).put("fontWeight", "bold");
      }
      String color = !i.passed() ? BAD : i.usedPct() >= 80 ? WARN : OK;
      data.add(bar(Math.min(Headroom.SCALE_MAX_PCT, i.usedPct()), color).set("label", F.objectNode().put("show", true).put("position", "right")
          .put("formatter", i.figure() + (i.passed() ? "" : "  BREACHED")).put("color", i.passed() ? INK : BAD)));
    }
    ObjectNode series = barSeries("share of threshold used", data, OK).put("barWidth", "55%");
    ObjectNode bands = series.putObject("markArea").put("silent", true);
    ArrayNode areas = bands.putArray("data");
    band(areas, 0, 80, "rgba(24,128,56,0.07)");
    band(areas, 80, 100, "rgba(242,153,0,0.12)");
    band(areas, 100, Math.ceil(max / 10) * 10, "rgba(217,48,37,0.08)");
    ObjectNode line = series.putObject("markLine").put("silent", true).put("symbol", "none");
    line.putObject("lineStyle").put("color", INK).put("type", "solid").put("width", 2);
    line.putArray("data").addObject().put("xAxis", 100).put("name", "threshold");
    line.putObject("label").put("formatter", "threshold").put("position", "end");
    o.putArray("series").add(series);
    return o;
  }

  /** Active users, p95 of agent_completed and error % against time, with the p95 threshold drawn. */
  public static ObjectNode overTime(List<SlaSummary.TimePoint> points, Double p95Threshold) {
    ObjectNode o = base();
    o.putObject("tooltip").put("trigger", "axis");
    o.putObject("legend").put("top", 0);
    grid(o, 70, 120, 40, 50);
    o.putObject("xAxis").put("type", "value").put("name", "seconds into the run").put("nameLocation", "middle").put("nameGap", 28);
    ArrayNode y = o.putArray("yAxis");
    ObjectNode ms = y.addObject().put("type", "value").put("name", "p95 ms").put("position", "left");
    if (p95Threshold != null) {
      // the threshold line is drawn only inside the axis: keep it in view when the run stayed far below it
      int highest = points.stream().map(SlaSummary.TimePoint::p95Ms).filter(Objects::nonNull).mapToInt(Integer::intValue).max().orElse(0);
      ms.put("max", niceCeiling(Math.max(highest, p95Threshold) * 1.1));
    }
    y.addObject().put("type", "value").put("name", "users").put("position", "right").putObject("splitLine").put("show", false);
    y.addObject().put("type", "value").put("name", "error %").put("position", "right").put("offset", 60).put("min", 0)
        .put("max", Math.max(5, Math.ceil(points.stream().mapToDouble(SlaSummary.TimePoint::errorPct).max().orElse(0))))
        .putObject("splitLine").put("show", false);
    ArrayNode users = F.arrayNode();
    ArrayNode p95 = F.arrayNode();
    ArrayNode errors = F.arrayNode();
    for (SlaSummary.TimePoint p : points) {
      users.addArray().add(p.atSeconds()).add(p.activeUsers());
      ArrayNode latency = p95.addArray().add(p.atSeconds());
      if (p.p95Ms() == null) {
        latency.addNull();
      } else {
        latency.add(p.p95Ms());
      }
      errors.addArray().add(p.atSeconds()).add(p.errorPct());
    }
    ArrayNode series = o.putArray("series");
    ObjectNode usersSeries = lineSeries("active users", users, "#9aa0a6").put("yAxisIndex", 1).put("step", "end");
    usersSeries.putObject("areaStyle").put("opacity", 0.15);
    series.add(usersSeries);
    ObjectNode latency = lineSeries("p95 agent_completed", p95, "#1a73e8").put("yAxisIndex", 0);
    if (p95Threshold != null) {
      thresholdLine(latency, p95Threshold, "p95 SLA " + SlaSentence.number(p95Threshold) + " ms");
    }
    series.add(latency);
    series.add(lineSeries("error %", errors, BAD).put("yAxisIndex", 2));
    o.putArray("dataZoom").addObject().put("type", "inside");
    return o;
  }

  /** A stepped run: p95 and error % of each step against its users, the knee (last held step) marked. */
  public static ObjectNode steps(List<SlaSummary.Step> steps) {
    ObjectNode o = base();
    o.putObject("tooltip").put("trigger", "axis");
    o.putObject("legend").put("top", 0);
    grid(o, 70, 70, 40, 50);
    ArrayNode users = o.putObject("xAxis").put("type", "category").put("name", "concurrent users").put("nameLocation", "middle")
        .put("nameGap", 28).putArray("data");
    ArrayNode y = o.putArray("yAxis");
    y.addObject().put("type", "value").put("name", "p95 ms");
    y.addObject().put("type", "value").put("name", "error %").put("min", 0).putObject("splitLine").put("show", false);
    ArrayNode p95 = F.arrayNode();
    ArrayNode errors = F.arrayNode();
    String knee = null;
    for (SlaSummary.Step s : steps) {
      users.add(String.valueOf(s.users()));
      ObjectNode bar = s.p95Ms() == null ? F.objectNode().putNull("value") : F.objectNode().put("value", s.p95Ms());
      bar.putObject("itemStyle").put("color", s.held() ? OK : BAD);
      p95.add(bar);
      errors.add(s.errorPct());
      if (s.held()) {
        knee = String.valueOf(s.users());
      }
    }
    ObjectNode latency = barSeries("p95 agent_completed", p95, OK).put("barWidth", "45%");
    if (knee != null) {
      ObjectNode mark = latency.putObject("markLine").put("silent", true).put("symbol", "none");
      mark.putObject("lineStyle").put("color", INK).put("type", "dashed").put("width", 2);
      mark.putArray("data").addObject().put("xAxis", knee).put("name", "knee");
      mark.putObject("label").put("formatter", "knee: " + knee + " users (last held)").put("position", "end");
    }
    ArrayNode series = o.putArray("series");
    series.add(latency);
    series.add(lineSeries("error %", errors, BAD).put("yAxisIndex", 1));
    return o;
  }

  /**
   * The last runs: p95 of each event (left axis) and the error % of the journey (right axis), this run
   * last; a figure regressed against the median of the window is pinned on this run.
   */
  public static ObjectNode history(SlaSummary.History h) {
    ObjectNode o = base();
    o.putObject("tooltip").put("trigger", "axis");
    o.putObject("legend").put("top", 0);
    grid(o, 70, 70, 60, 60);
    ArrayNode labels = o.putObject("xAxis").put("type", "category").put("name", "run (UTC start; this run last)")
        .put("nameLocation", "middle").put("nameGap", 40).putArray("data");
    for (SlaSummary.HistoryRun r : h.runs()) {
      labels.add(runLabel(r));
    }
    ArrayNode y = o.putArray("yAxis");
    y.addObject().put("type", "value").put("name", "p95 ms");
    y.addObject().put("type", "value").put("name", "error %").put("min", 0).putObject("splitLine").put("show", false);
    ArrayNode series = o.putArray("series");
    int color = 0;
    for (String event : historyEvents(h)) {
      ArrayNode data = F.arrayNode();
      h.runs().forEach(r -> addOrNull(data, r.p95Ms().get(event)));
      ObjectNode s = lineSeries(event + " p95", data, SERIES_COLORS[color++ % SERIES_COLORS.length]);
      pinRegression(s, h, event, "p95Ms");
      series.add(s);
    }
    String errorsOf = errorRequest(h);
    ArrayNode errors = F.arrayNode();
    h.runs().forEach(r -> addOrNull(errors, r.errorPct() == null ? null : r.errorPct().get(errorsOf)));
    ObjectNode e = lineSeries("error % (" + errorsOf + ")", errors, BAD).put("yAxisIndex", 1);
    e.putObject("lineStyle").put("type", "dashed");
    pinRegression(e, h, errorsOf, "errorPct");
    series.add(e);
    return o;
  }

  /** The events the history charts: the golden path's events any shown run measured. */
  public static List<String> historyEvents(SlaSummary.History h) {
    List<String> out = new ArrayList<>();
    for (String event : JourneyOrder.EVENTS) {
      if (h.runs().stream().anyMatch(r -> r.p95Ms().containsKey(event))) {
        out.add(event);
      }
    }
    return out;
  }

  /** The request whose error share the history charts: the whole journey when measured, else the last event. */
  public static String errorRequest(SlaSummary.History h) {
    boolean journey = h.runs().stream().anyMatch(r -> r.errorPct() != null && r.errorPct().containsKey("journey"));
    return journey ? "journey" : "agent_completed";
  }

  public static String runLabel(SlaSummary.HistoryRun r) {
    try {
      return RUN_LABEL.format(Instant.parse(r.startedAt()));
    } catch (RuntimeException e) {
      return String.valueOf(r.startedAt());
    }
  }

  private static void pinRegression(ObjectNode series, SlaSummary.History h, String request, String metric) {
    h.vsMedian().stream().filter(d -> d.regression() && d.request().equals(request) && d.metric().equals(metric)).findFirst().ifPresent(d -> {
      ObjectNode mark = series.putObject("markPoint");
      mark.putObject("itemStyle").put("color", BAD);
      ObjectNode pin = mark.putArray("data").addObject().put("name", "regression").put("value", "!");
      pin.set("coord", F.arrayNode().add(h.runs().size() - 1).add(d.current()));
      mark.putObject("label").put("fontSize", 9);
      ObjectNode median = series.putObject("markLine").put("silent", true).put("symbol", "none");
      median.putObject("lineStyle").put("color", BAD).put("type", "dotted");
      median.putArray("data").addObject().put("yAxis", d.baseline()).put("name", "median");
      median.putObject("label").put("formatter", request + ": median of previous " + h.window() + " = " + SlaSentence.number(d.baseline()))
          .put("position", "insideStartTop").put("color", BAD);
    });
  }

  /** A round number at or above {@code v} (1, 1.2, 1.5, 2 ... 8 times a power of ten): an axis end. */
  static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, v))));
    for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static ObjectNode base() {
    ObjectNode o = F.objectNode();
    // no animation: the page is read and screenshotted as it is, not watched
    o.put("animation", false);
    o.putObject("textStyle").put("fontFamily", "system-ui, sans-serif");
    return o;
  }

  private static void grid(ObjectNode o, int left, int right, int top, int bottom) {
    o.putObject("grid").put("left", left).put("right", right).put("top", top).put("bottom", bottom);
  }

  private static ObjectNode bar(double value, String color) {
    ObjectNode b = F.objectNode().put("value", value);
    b.putObject("itemStyle").put("color", color);
    return b;
  }

  private static ObjectNode barSeries(String name, ArrayNode data, String color) {
    ObjectNode s = F.objectNode().put("name", name).put("type", "bar");
    s.putObject("itemStyle").put("color", color);
    s.set("data", data);
    return s;
  }

  private static ObjectNode lineSeries(String name, ArrayNode data, String color) {
    ObjectNode s = F.objectNode().put("name", name).put("type", "line").put("showSymbol", true).put("symbolSize", 4);
    s.putObject("itemStyle").put("color", color);
    s.set("data", data);
    return s;
  }

  private static ObjectNode thresholdTicks(String name, ArrayNode data, String color, int width) {
    ObjectNode s = F.objectNode().put("name", name).put("type", "scatter").put("symbol", "rect").put("z", 5);
    s.putArray("symbolSize").add(width).add(24);
    s.putObject("itemStyle").put("color", color);
    s.set("data", data);
    return s;
  }

  private static void thresholdLine(ObjectNode series, double value, String label) {
    ObjectNode mark = series.putObject("markLine").put("silent", true).put("symbol", "none");
    mark.putObject("lineStyle").put("color", BAD).put("type", "dashed");
    mark.putArray("data").addObject().put("yAxis", value);
    mark.putObject("label").put("formatter", label).put("position", "insideEndTop");
  }

  private static void band(ArrayNode areas, double from, double to, String color) {
    ArrayNode pair = areas.addArray();
    ObjectNode start = pair.addObject().put("xAxis", from);
    start.putObject("itemStyle").put("color", color);
    pair.addObject().put("xAxis", to);
  }

  private static void addOrNull(ArrayNode data, Number n) {
    if (n == null) {
      data.addNull();
    } else {
      data.add(n.doubleValue());
    }
  }

  /** Option JSON safe inside a script element. */
  static String json(JsonNode option) {
    return Objects.requireNonNull(option).toString().replace("</", "<\\/");
  }
}
