package io.chatload.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Comparison with earlier runs. With one earlier run: {@code -Dbaseline=<sla-summary.json>},
 * regressions beyond {@code -Dbaseline.tolerance} percent (p95/p99) flagged, and made to fail the run
 * with {@code -Dbaseline.failOnRegression=true}. With many: {@code -Dhistory=<folder or .jsonl>},
 * one line per run appended, the last {@code -Dhistory.runs} charted and this run judged against
 * the median of the {@code -Dhistory.window} runs before it (same tolerance).
 */
public record TrendSettings(Optional<Path> baseline, double tolerancePct, boolean failOnRegression,
    Optional<Path> history, int historyWindow, int historyRuns) {
  public static final int DEFAULT_HISTORY_WINDOW = 7;
  public static final int DEFAULT_HISTORY_RUNS = 30;
  /** The file a {@code -Dhistory} folder holds. */
  public static final String HISTORY_FILE = "sla-history.jsonl";

  public static final TrendSettings NONE = new TrendSettings(Optional.empty(), 10, false);

  public TrendSettings(Optional<Path> baseline, double tolerancePct, boolean failOnRegression) {
    this(baseline, tolerancePct, failOnRegression, Optional.empty(), DEFAULT_HISTORY_WINDOW, DEFAULT_HISTORY_RUNS);
  }

  /** {@code -Dhistory} names a file, or a folder (existing, or without a file extension) that holds {@link #HISTORY_FILE}. */
  public static Path historyFile(Path given) {
    boolean folder = java.nio.file.Files.isDirectory(given) || !given.getFileName().toString().contains(".");
    return folder ? given.resolve(HISTORY_FILE) : given;
  }
}
