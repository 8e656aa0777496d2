package io.chatload.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The human faces of an {@link SlaSummary}: an HTML page, Markdown for CI, JUnit XML. */
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
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "## %s %s — %s%n%n", s.passed() ? "✅" : "❌", s.run().simulation(), s.passed() ? "all SLAs held" : "SLA breached"));
    md.append(String.format(Locale.ROOT, "Target `%s`; %s; %d s; commit `%s`; started %s. Cross-user leaks: **%d**.%n%n",
        s.run().target(), s.run().load(), s.run().durationSeconds(), s.run().gitCommit(), s.run().startedAt(), s.crossUserLeaks()));
    md.append("| SLA | threshold | actual | |\n|---|---:|---:|---|\n");
    for (SlaSummary.Sla sla : s.slas()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", sla.name(), num(sla.threshold()), sla.error() != null ? sla.error() : num(sla.actual()), sla.passed() ? "✅" : "❌"));
    }
    for (SlaSummary.Check c : s.checks()) {
      md.append(String.format(Locale.ROOT, "| %s | | %s | %s |%n", c.name(), c.detail(), c.passed() ? "✅" : "❌"));
    }
    md.append(LoadSteps.markdown(s.steps()));
    md.append("\n| request | count | KO | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (RunResults.RequestStats r : s.requests()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", r.name(), r.count(), r.ko(), r.p50(), r.p95(), r.p99(), r.max()));
    }
    if (!s.trend().isEmpty()) {
      md.append("\n| vs baseline | metric | baseline | now | change |\n|---|---|---:|---:|---:|\n");
      for (SlaSummary.Delta d : s.trend()) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %+.1f %%%s |%n", d.request(), d.metric(), d.baseline(), d.current(), d.changePct(), d.regression() ? " ⚠️ regression" : ""));
      }
    }
    return md.toString();
  }

  static String html(SlaSummary s) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>SLA summary — ").append(esc(s.run().simulation())).append("</title>")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}td:first-child,th:first-child{text-align:left}")
        .append(".pass{background:#e6f4ea}.fail{background:#fce8e6}.banner{padding:1em;font-size:1.4em;font-weight:bold}")
        .append(".warn{background:#fff4e5}</style></head><body>");
    h.append("<div class=\"banner ").append(s.passed() ? "pass" : "fail").append("\">")
        .append(s.passed() ? "All SLAs held" : "SLA breached").append(" — ").append(esc(s.run().simulation())).append("</div>");
    h.append("<p>Target <b>").append(esc(s.run().target())).append("</b>; ").append(esc(s.run().load())).append("; ")
        .append(s.run().durationSeconds()).append(" s; commit <code>").append(esc(s.run().gitCommit())).append("</code>; started ")
        .append(esc(s.run().startedAt())).append(". Cross-user leaks: <b>").append(s.crossUserLeaks()).append("</b>. ")
        .append("<a href=\"index.html\">Gatling report</a></p>");
    h.append("<h2>SLAs</h2><table><tr><th>SLA</th><th>threshold</th><th>actual</th><th>verdict</th></tr>");
    for (SlaSummary.Sla sla : s.slas()) {
      h.append("<tr class=\"").append(sla.passed() ? "pass" : "fail").append("\"><td>").append(esc(sla.name())).append("</td><td>")
          .append(num(sla.threshold())).append("</td><td>").append(sla.error() != null ? esc(sla.error()) : num(sla.actual()))
          .append("</td><td>").append(sla.passed() ? "held" : "BREACHED").append("</td></tr>");
    }
    for (SlaSummary.Check c : s.checks()) {
      h.append("<tr class=\"").append(c.passed() ? "pass" : "fail").append("\"><td>").append(esc(c.name())).append("</td><td></td><td>")
          .append(esc(c.detail())).append("</td><td>").append(c.passed() ? "held" : "BREACHED").append("</td></tr>");
    }
    h.append("</table><h2>Requests and events</h2><table><tr><th>request</th><th>count</th><th>KO</th><th>error %</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th></tr>");
    for (RunResults.RequestStats r : s.requests()) {
      h.append(String.format(Locale.ROOT, "<tr class=\"%s\"><td>%s</td><td>%d</td><td>%d</td><td>%.2f</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>",
          r.ko() > 0 ? "warn" : "", esc(r.name()), r.count(), r.ko(), r.errorPct(), r.p50(), r.p95(), r.p99(), r.max()));
    }
    h.append("</table>");
    if (!s.trend().isEmpty()) {
      h.append("<h2>Against the baseline</h2><table><tr><th>request</th><th>metric</th><th>baseline</th><th>now</th><th>change</th></tr>");
      for (SlaSummary.Delta d : s.trend()) {
        h.append(String.format(Locale.ROOT, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>%.1f</td><td>%.1f</td><td>%+.1f %%%s</td></tr>",
            d.regression() ? "fail" : "", esc(d.request()), d.metric(), d.baseline(), d.current(), d.changePct(), d.regression() ? " regression" : ""));
      }
      h.append("</table>");
    }
    if (!s.errors().isEmpty()) {
      h.append("<h2>Errors</h2><table><tr><th>message</th><th>count</th></tr>");
      s.errors().forEach((m, n) -> h.append("<tr><td>").append(esc(m)).append("</td><td>").append(n).append("</td></tr>"));
      h.append("</table>");
    }
    return h.append("</body></html>\n").toString();
  }

  static String junit(SlaSummary s) {
    int failures = (int) (s.slas().stream().filter(x -> !x.passed()).count() + s.checks().stream().filter(x -> !x.passed()).count());
    int tests = s.slas().size() + s.checks().size();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(String.format(Locale.ROOT, "<testsuite name=\"SLA %s\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%d\">%n",
        esc(s.run().simulation()), tests, failures, s.run().durationSeconds()));
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
