package io.chatload.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Gatling assertion sentence ("agent_completed: 95th percentile of response time is less than
 * or equal to 5000.0") taken apart: the request, a short metric ("p95"), the comparison and unit,
 * so the page can say "p95 ≤ 5000 ms" and compute how much of the threshold is used.
 */
public record SlaSentence(String request, String metric, String comparator, String unit, boolean lowerIsBetter) {
  private static final Pattern SENTENCE = Pattern.compile("^(.*?): (.+?) is (less than or equal to|less than|greater than or equal to|greater than) (-?[\\d.]+)$");
  private static final Pattern PERCENTILE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:st|nd|rd|th) percentile of response time");

  /** The sentence taken apart; an unknown shape keeps the whole sentence as its metric. */
  public static SlaSentence parse(String sentence) {
    Matcher m = SENTENCE.matcher(sentence);
    if (!m.matches()) {
      int colon = sentence.indexOf(": ");
      return new SlaSentence(colon > 0 ? sentence.substring(0, colon) : "", colon > 0 ? sentence.substring(colon + 2) : sentence, "", "", true);
    }
    String comparator = switch (m.group(3)) {
      case "less than or equal to" -> "≤";
      case "less than" -> "<";
      case "greater than or equal to" -> "≥";
      default -> ">";
    };
    String what = m.group(2);
    String unit = what.contains("response time") ? "ms" : what.startsWith("percentage") ? "%" : what.contains("per second") ? "/s" : "";
    return new SlaSentence(m.group(1), shortMetric(what), comparator, unit, comparator.startsWith("≤") || comparator.equals("<"));
  }

  private static String shortMetric(String what) {
    Matcher p = PERCENTILE.matcher(what);
    if (p.matches()) {
      String n = p.group(1).endsWith(".0") ? p.group(1).substring(0, p.group(1).length() - 2) : p.group(1);
      return "p" + n;
    }
    return switch (what) {
      case "percentage of failed events" -> "KO";
      case "percentage of successful events" -> "OK";
      case "max of response time" -> "max";
      case "mean of response time" -> "mean";
      case "min of response time" -> "min";
      case "mean requests per second" -> "throughput";
      case "count of failed events" -> "KO count";
      case "count of all events" -> "count";
      default -> what;
    };
  }

  /** "p95 ≤ 5000 ms" — the threshold sentence in a few characters. */
  public String shortText(Double threshold) {
    if (comparator.isEmpty()) {
      return metric;
    }
    return metric + " " + comparator + " " + number(threshold) + (unit.isEmpty() ? "" : unit.equals("%") || unit.equals("ms") ? " " + unit : unit);
  }

  /**
   * How much of its threshold a figure uses: actual ÷ threshold for "at most" SLAs, threshold ÷
   * actual for "at least" ones, so above 1 is breached either way. A zero budget ("0 % KO") is
   * 0 when met and 10 (off the scale) when not.
   */
  public static double used(SlaSentence s, Double threshold, Double actual, boolean passed) {
    if (threshold == null || actual == null) {
      return passed ? 0 : 10;
    }
    double num = s.lowerIsBetter ? actual : threshold;
    double den = s.lowerIsBetter ? threshold : actual;
    if (den == 0) {
      return num == 0 ? 0 : 10;
    }
    return num / den;
  }

  public static String number(Double d) {
    if (d == null) {
      return "—";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e12 ? String.valueOf(d.longValue()) : String.format(Locale.ROOT, "%.2f", d);
  }
}
