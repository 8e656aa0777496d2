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
    InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties");
    if (in == null) {
      return versionFolder(); // a Gatling Enterprise package leaves out its dependencies' META-INF/maven
    }
    Properties pom = new Properties();
    try (in) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  /** The WebJar's one version folder, read from the jar (or folder) it is in. */
  private static String versionFolder() {
    java.net.URL dir = ChartLibrary.class.getClassLoader().getResource(WEBJAR);
    if (dir == null) {
      throw new IllegalStateException(WEBJAR + " is not on the class path (org.webjars.npm:echarts, pom.xml)");
    }
    try {
      java.util.stream.Stream<String> names;
      if (dir.getProtocol().equals("jar")) {
        java.util.jar.JarFile jar = ((java.net.JarURLConnection) dir.openConnection()).getJarFile();
        names = jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith(WEBJAR))
            .map(n -> n.substring(WEBJAR.length()).split("/")[0]);
      } else {
        names = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI())).map(f -> f.getFileName().toString());
      }
      return names.filter(n -> !n.isEmpty()).findFirst()
          .orElseThrow(() -> new IllegalStateException(WEBJAR + " holds no version folder"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
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
