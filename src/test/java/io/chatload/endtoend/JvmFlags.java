package io.chatload.endtoend;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The forked Gatling JVM's flags, from the one place they are written: pom.xml. First
 * gatling-maven-plugin's {@code <jvmArgs>} (what {@code ./mvnw gatling:test} runs with; the plugin's
 * own defaults are switched off there and listed), then the property {@code endtoend.jvmArgs}: the
 * cheaper settings of a short test run (later flags win).
 */
final class JvmFlags {
  static final String PLUGIN = "gatling-maven-plugin";
  static final String TEST_RUN_PROPERTY = "endtoend.jvmArgs";

  private static List<String> flags;

  private JvmFlags() {}

  /** The plugin's flags, then the test runs' own; read once per JVM. */
  static synchronized List<String> ofTestRuns() {
    if (flags == null) {
      Document pom = read(new File(System.getProperty("chatload.projectDir", "."), "pom.xml"));
      List<String> all = new ArrayList<>(pluginFlags(pom));
      all.addAll(Arrays.asList(property(pom, TEST_RUN_PROPERTY).trim().split("\\s+")));
      flags = List.copyOf(all);
    }
    return flags;
  }

  /** The {@code <jvmArg>}s of gatling-maven-plugin's configuration, in order. */
  static List<String> pluginFlags(Document pom) {
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (PLUGIN.equals(childText(plugin, "artifactId"))) {
        List<String> out = new ArrayList<>();
        NodeList args = plugin.getElementsByTagName("jvmArg");
        for (int j = 0; j < args.getLength(); j++) {
          String arg = args.item(j).getTextContent().trim();
          if (arg.contains("${")) {
            // a flag built from a Maven property would need Maven to resolve it: keep the list literal
            throw new IllegalStateException("pom.xml: " + PLUGIN + " jvmArg '" + arg + "' uses a property; GatlingRun reads the flags literally");
          }
          out.add(arg);
        }
        if (out.isEmpty()) {
          throw new IllegalStateException("pom.xml: " + PLUGIN + " has no <jvmArgs>");
        }
        return out;
      }
    }
    throw new IllegalStateException("pom.xml has no " + PLUGIN);
  }

  static String property(Document pom, String name) {
    NodeList props = pom.getElementsByTagName("properties");
    for (int i = 0; i < props.getLength(); i++) {
      String v = childText((Element) props.item(i), name);
      if (v != null) {
        return v;
      }
    }
    throw new IllegalStateException("pom.xml has no property " + name);
  }

  private static String childText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }

  static Document read(File pom) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the forked JVM's flags from " + pom + ": " + e, e);
    }
  }
}
