package io.chatload.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run proved, in one machine-readable document ({@code sla-summary.json}) from which the
 * human page, the job summary and the JUnit XML are written: each SLA with threshold, actual and
 * verdict; each request's figures; cross-user leaks; run-level checks; changes since a baseline.
 */
public record SlaSummary(
    Run run,
    boolean passed,
    List<Sla> slas,
    List<RunResults.RequestStats> requests,
    long crossUserLeaks,
    List<Check> checks,
    List<Delta> trend,
    Map<String, Integer> errors) {

  public record Run(String simulation, String target, String load, String startedAt, long durationSeconds, String gitCommit, String folder) {}

  /** One SLA as Gatling validated it. */
  public record Sla(String name, Double threshold, Double actual, boolean passed, String error) {}

  /** A run-level check that is not a Gatling assertion (drift, heap, capacity, regression). */
  public record Check(String name, boolean passed, String detail) {}

  /** Change of one figure against the baseline; {@code regression} when beyond tolerance. */
  public record Delta(String request, String metric, double baseline, double current, double changePct, boolean regression) {}

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final Pattern LAST_NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(?!.*\\d)");

  static List<Sla> slas(List<RunResults.AssertionOutcome> outcomes) {
    List<Sla> out = new ArrayList<>();
    for (RunResults.AssertionOutcome o : outcomes) {
      Matcher m = LAST_NUMBER.matcher(o.description());
      Double threshold = m.find() ? Double.valueOf(m.group(1)) : null;
      out.add(new Sla(o.description(), threshold, o.actual(), o.passed(), o.error()));
    }
    return out;
  }

  public void writeJson(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  public static SlaSummary readJson(Path file) throws IOException {
    return JSON.readValue(file.toFile(), SlaSummary.class);
  }
}
