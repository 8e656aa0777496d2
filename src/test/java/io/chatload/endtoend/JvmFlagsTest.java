package io.chatload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.RunSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forked runs get the flags ./mvnw gatling:test gets, from pom.xml, and the test runs' cheaper ones last. */
class JvmFlagsTest {

  @Test
  void theTestRunsGetThePluginsFlagsThenTheirOwn() {
    List<String> flags = JvmFlags.ofTestRuns();
    List<String> plugin = JvmFlags.pluginFlags(JvmFlags.read(new java.io.File(System.getProperty("chatload.projectDir", "."), "pom.xml")));
    assertEquals(plugin, flags.subList(0, plugin.size()), "the plugin's flags first, as written");
    // what Gatling's log reader and the embedded default need, whatever the heap
    assertTrue(plugin.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), plugin::toString);
    assertTrue(plugin.contains("-D" + RunSettings.DEFAULT_TARGET_PROPERTY + "=embedded"), plugin::toString);
    assertTrue(plugin.stream().anyMatch(f -> f.startsWith("-Xmx")), "the plugin's heap is set in pom.xml: " + plugin);
    String lastHeap = flags.stream().filter(f -> f.startsWith("-Xmx")).reduce((a, b) -> b).orElseThrow();
    assertEquals("-Xmx512m", lastHeap, "a test run's heap wins: " + flags);
  }
}
