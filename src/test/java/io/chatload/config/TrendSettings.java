package io.chatload.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Comparison with an earlier run: {@code -Dbaseline=<sla-summary.json>}, regressions beyond
 * {@code -Dbaseline.tolerance} percent (p95/p99) flagged, and made to fail the run with
 * {@code -Dbaseline.failOnRegression=true}.
 */
public record TrendSettings(Optional<Path> baseline, double tolerancePct, boolean failOnRegression) {
  public static final TrendSettings NONE = new TrendSettings(Optional.empty(), 10, false);
}
