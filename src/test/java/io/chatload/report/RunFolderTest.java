package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where there is no run folder of this JVM's own (a Gatling Enterprise generator, an injector beside another), the summary is not written. */
class RunFolderTest {
  @Test
  void aRunFolderOlderThanThisJvmIsAnotherRunsAndIsNeverSummarized() throws Exception {
    String simulation = "RunFolderTestSimulation";
    Path results = RunSummary.resultsDirectory();
    assertTrue(RunSummary.findRunFolder(simulation).isEmpty(), "no folder of that simulation");
    Path folder = results.resolve(simulation.toLowerCase() + "-20200101000000000");
    try {
      Files.createDirectories(folder);
      Path log = Files.writeString(folder.resolve("simulation.log"), "");
      long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      log.toFile().setLastModified(started - 60_000);
      assertEquals(Optional.empty(), RunSummary.findRunFolder(simulation), "written before this JVM started");
      log.toFile().setLastModified(System.currentTimeMillis());
      assertEquals(Optional.of(folder), RunSummary.findRunFolder(simulation), "written by this JVM's run");
    } finally {
      Files.deleteIfExists(folder.resolve("simulation.log"));
      Files.deleteIfExists(folder);
    }
  }
}
