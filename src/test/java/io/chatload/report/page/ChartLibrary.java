package io.chatload.report.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Apache ECharts (Apache License 2.0), read from its WebJar on the class path and inlined into the
 * page, so sla-summary.html draws its charts with no network — opened from a CI artifact or a disk.
 * The "common" build (line, bar, scatter, marks, SVG renderer) is enough and a third smaller than
 * the full one.
 */
final class ChartLibrary {
  private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
  private static String script;

  private ChartLibrary() {}

  static String version() {
    Properties pom = new Properties();
    try (InputStream in = resource("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  /** The library's minified source, with its Apache license header (kept, as the license asks). */
  static synchronized String script() {
    if (script == null) {
      try (InputStream in = resource(WEBJAR + version() + "/dist/echarts.common.min.js")) {
        script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return script;
  }

  private static InputStream resource(String name) {
    InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the class path (org.webjars.npm:echarts, pom.xml)");
    }
    return in;
  }
}
