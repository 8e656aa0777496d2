package io.chatload.report.page;

import io.chatload.report.SlaSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The faces of an {@link SlaSummary}: JSON (the machine-readable source), the page, Markdown for CI, JUnit XML. */
public final class SummaryWriters {
  private SummaryWriters() {}

  public static final String JSON = "sla-summary.json";
  public static final String HTML = "sla-summary.html";
  public static final String MARKDOWN = "sla-summary.md";
  public static final String JUNIT = "sla-junit.xml";

  public static void writeAll(SlaSummary s, Path folder) throws IOException {
    s.writeJson(folder.resolve(JSON));
    write(folder.resolve(MARKDOWN), markdown(s));
    write(folder.resolve(HTML), html(s));
    write(folder.resolve(JUNIT), junit(s));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String markdown(SlaSummary s) {
    return MarkdownSummary.render(s);
  }

  static String html(SlaSummary s) {
    return SlaPage.render(s);
  }

  static String junit(SlaSummary s) {
    boolean measured = s.measurement() != null;
    int failures = (int) (s.slas().stream().filter(x -> !x.passed()).count() + s.checks().stream().filter(x -> !x.passed()).count())
        + (s.inconclusive() ? 1 : 0);
    int tests = s.slas().size() + s.checks().size() + (measured ? 1 : 0);
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(String.format(Locale.ROOT, "<testsuite name=\"SLA %s\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%d\">%n",
        esc(s.run().simulation()), tests, failures, s.run().durationSeconds()));
    // what the isolation verdicts could see, for whoever reads only the CI's test results
    x.append("  <properties>\n    <property name=\"dialect\" value=\"").append(esc(s.checked().dialect()))
        .append("\"/>\n    <property name=\"isolationJudgedOn\" value=\"").append(esc(s.checked().identityFields())).append("\"/>\n  </properties>\n");
    for (SlaSummary.Sla sla : s.slas()) {
      x.append("  <testcase classname=\"sla.").append(esc(s.run().simulation())).append("\" name=\"").append(esc(sla.name())).append("\"");
      if (sla.passed()) {
        x.append("/>\n");
      } else {
        x.append(">\n    <failure message=\"").append(esc("threshold " + num(sla.threshold()) + ", actual "
            + (sla.error() != null ? sla.error() : num(sla.actual())))).append("\"/>\n  </testcase>\n");
      }
    }
    for (SlaSummary.Check c : s.checks()) {
      x.append("  <testcase classname=\"checks.").append(esc(s.run().simulation())).append("\" name=\"").append(esc(c.name())).append("\"");
      x.append(c.passed() ? "/>\n" : ">\n    <failure message=\"" + esc(c.detail()) + "\"/>\n  </testcase>\n");
    }
    if (measured) {
      // the instrument's own testcase: an inconclusive run fails it, whatever the SLAs said
      x.append("  <testcase classname=\"checks.").append(esc(s.run().simulation())).append("\" name=\"verdict measured, not excused\"");
      x.append(!s.inconclusive() ? "/>\n" : ">\n    <failure message=\"" + esc(s.measurement().why()) + "\"/>\n  </testcase>\n");
    }
    return x.append("</testsuite>\n").toString();
  }

  private static String num(Double d) {
    if (d == null) {
      return "";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e12 ? String.valueOf(d.longValue()) : String.format(Locale.ROOT, "%.2f", d);
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
