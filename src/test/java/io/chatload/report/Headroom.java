package io.chatload.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How far each SLA figure is from its threshold: the share of the threshold it uses (above 100 %
 * is breached), worst first — what the bullet chart and the job summary's list show.
 */
public final class Headroom {
  public record Item(String request, String shortText, Double threshold, Double actual, String unit, double usedPct, boolean passed) {
    /** "agent_completed p95 ≤ 5000 ms" */
    public String label() {
      return request.isEmpty() ? shortText : request + " " + shortText;
    }

    /** "3203 ms (64 % of the threshold)" */
    public String figure() {
      String value = actual == null ? "no value" : SlaSentence.number(actual) + (unit.isEmpty() || unit.equals("/s") ? unit : " " + unit);
      return String.format(Locale.ROOT, "%s (%.0f %% of the threshold)", value, usedPct);
    }
  }

  /** Bars beyond this are drawn at it (the label keeps the real share), so one far breach does not flatten the rest. */
  public static final double SCALE_MAX_PCT = 200;

  private Headroom() {}

  public static List<Item> of(SlaSummary s) {
    return s.slas().stream().map(Headroom::item)
        .sorted(Comparator.comparing(Item::passed).thenComparing(Comparator.comparingDouble(Item::usedPct).reversed()))
        .toList();
  }

  public static Item item(SlaSummary.Sla sla) {
    SlaSentence sentence = SlaSentence.parse(sla.name());
    double used = 100 * SlaSentence.used(sentence, sla.threshold(), sla.actual(), sla.passed());
    return new Item(sentence.request(), sentence.shortText(sla.threshold()), sla.threshold(), sla.actual(), sentence.unit(),
        Math.round(used * 10) / 10.0, sla.passed());
  }
}
