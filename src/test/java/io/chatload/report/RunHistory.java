package io.chatload.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run history file ({@code sla-history.jsonl}): one JSON line per run, appended after each run,
 * so a nightly pipeline that carries the file forward keeps weeks of figures in a few kilobytes.
 */
public final class RunHistory {
  private static final ObjectMapper LINE = SlaSummary.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);

  private RunHistory() {}

  /** Every run in {@code file}, in the order appended; none when the file does not exist yet. */
  public static List<SlaSummary.HistoryRun> read(Path file) throws IOException {
    List<SlaSummary.HistoryRun> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      try {
        SlaSummary.HistoryRun run = LINE.readValue(line, SlaSummary.HistoryRun.class);
        if (run.simulation() == null || run.p95Ms() == null) {
          throw new IllegalArgumentException("no simulation or p95Ms");
        }
        out.add(run);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not a run record: " + String.valueOf(e.getMessage()).split("\n")[0]);
      }
    }
    return out;
  }

  /** Appends {@code run} unless the file already holds it (regenerating a summary must not count a run twice). */
  public static void append(Path file, SlaSummary.HistoryRun run) throws IOException {
    boolean known = read(file).stream()
        .anyMatch(r -> r.simulation().equals(run.simulation()) && String.valueOf(r.startedAt()).equals(run.startedAt()));
    if (known) {
      return;
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, LINE.writeValueAsString(run) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The history line of a summarized run: p95 of each request that had OK responses, error % of each. */
  public static SlaSummary.HistoryRun lineOf(SlaSummary s) {
    Map<String, Integer> p95 = new LinkedHashMap<>();
    Map<String, Double> errors = new LinkedHashMap<>();
    for (String name : JourneyOrder.sorted(s.requests().stream().map(RunResults.RequestStats::name).toList())) {
      RunResults.RequestStats r = s.requests().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      if (r.ok() > 0) {
        p95.put(name, r.p95());
      }
      errors.put(name, Math.round(r.errorPct() * 1000) / 1000.0);
    }
    return new SlaSummary.HistoryRun(s.run().simulation(), s.run().target(), s.run().startedAt(), s.run().gitCommit(), s.passed(), p95, errors);
  }
}
