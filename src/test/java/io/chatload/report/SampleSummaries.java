package io.chatload.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made summaries with known figures, as a real run would leave them. */
public final class SampleSummaries {
  private SampleSummaries() {}

  /** p50 / p95 / p99 of each golden-path step, plus the journey and health. */
  public static final Map<String, int[]> FIGURES = new LinkedHashMap<>();

  static {
    FIGURES.put("journey", new int[] {2600, 3600, 3900});
    FIGURES.put("login", new int[] {90, 200, 240});
    FIGURES.put("connect", new int[] {50, 60, 70});
    FIGURES.put("welcome", new int[] {9, 19, 25});
    FIGURES.put("agent_started", new int[] {120, 140, 160});
    FIGURES.put("agent_thinking", new int[] {470, 540, 600});
    FIGURES.put("tool_executing", new int[] {680, 690, 720});
    FIGURES.put("tool_completed", new int[] {1190, 1390, 1500});
    FIGURES.put("agent_completed", new int[] {2210, 3200, 3400});
    FIGURES.put("health", new int[] {90, 92, 95});
  }

  /** A run whose figures are {@link #FIGURES}, except agent_completed's p95 when {@code completedP95} is given. */
  public static SlaSummary run(int completedP95) {
    List<RunResults.RequestStats> requests = new ArrayList<>();
    FIGURES.forEach((name, f) -> requests.add(new RunResults.RequestStats(name, 100, 100, 0, f[0],
        name.equals("agent_completed") ? completedP95 : f[1], Math.max(f[2], name.equals("agent_completed") ? completedP95 : 0), f[2] + 100, 5)));
    List<SlaSummary.Sla> slas = new ArrayList<>();
    sla(slas, "agent_completed: 95th percentile of response time is less than or equal to 5000.0", completedP95);
    sla(slas, "agent_completed: percentage of failed events is less than or equal to 1.0", 0);
    sla(slas, "login: 95th percentile of response time is less than or equal to 1000.0", 200);
    sla(slas, "login: 99th percentile of response time is less than or equal to 1500.0", 240);
    sla(slas, "agent_started: 95th percentile of response time is less than or equal to 1000.0", 140);
    sla(slas, "tool_completed: 95th percentile of response time is less than or equal to 4500.0", 1390);
    sla(slas, "isolation: percentage of failed events is less than or equal to 0.0", 0);
    sla(slas, "Global: mean requests per second is greater than or equal to 1.0", 11);
    boolean passed = slas.stream().allMatch(SlaSummary.Sla::passed);
    SlaSummary.Run meta = new SlaSummary.Run("EnterpriseLoad", "embedded", "ramp to 50 users", "2026-11-25T02:00:00Z", 200,
        "0123456789abcdef0123456789abcdef01234567", "enterpriseload-1");
    List<SlaSummary.TimePoint> overTime = new ArrayList<>();
    for (int t = 0; t < 60; t++) {
      overTime.add(new SlaSummary.TimePoint(t, Math.min(50, t * 5), t < 3 ? null : 2000 + 20 * t, t == 40 ? 2.5 : 0));
    }
    return SlaSummary.of(meta, passed).slas(slas).requests(requests).overTime(overTime).build();
  }

  private static void sla(List<SlaSummary.Sla> slas, String sentence, double actual) {
    double threshold = Double.parseDouble(sentence.substring(sentence.lastIndexOf(' ') + 1));
    boolean lower = sentence.contains("less than");
    slas.add(new SlaSummary.Sla(sentence, threshold, actual, lower ? actual <= threshold : actual >= threshold, null));
  }

  /** A history line of this simulation with agent_completed's p95 at {@code p95} and journey KO at {@code errorPct}. */
  public static SlaSummary.HistoryRun night(int day, int p95, double errorPct) {
    Map<String, Integer> p95s = new LinkedHashMap<>();
    p95s.put("agent_started", 140 + day);
    p95s.put("agent_completed", p95);
    return new SlaSummary.HistoryRun("EnterpriseLoad", "embedded", String.format("2026-11-%02dT02:00:00Z", day), "c" + day, true, p95s,
        Map.of("journey", errorPct, "agent_completed", errorPct));
  }
}
