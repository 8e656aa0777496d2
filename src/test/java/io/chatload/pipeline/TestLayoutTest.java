package io.chatload.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A test that forks a Gatling run is a whole-simulation test: named {@code *IT}, so Failsafe runs it,
 * several at a time, after the unit tests (docs/TESTING.md). Named {@code *Test}, Surefire would run
 * its forked JVMs one after the other among the unit tests, and {@code ./mvnw -B verify} would outgrow
 * its five minutes unnoticed.
 */
class TestLayoutTest {
  /** What a forked run is started with (written in two parts, so this file does not name it). */
  private static final String FORKS_GATLING = "GatlingRun" + ".run(";

  @Test
  void everyTestThatForksGatlingIsAnIt() throws Exception {
    Path tests = Path.of(System.getProperty("chatload.projectDir", "."), "src", "test", "java");
    List<String> misnamed;
    try (Stream<Path> files = Files.walk(tests)) {
      misnamed = files.filter(f -> f.getFileName().toString().endsWith("Test.java"))
          .filter(f -> read(f).contains(FORKS_GATLING))
          .map(f -> tests.relativize(f).toString())
          .toList();
    }
    assertEquals(List.of(), misnamed, "fork Gatling, so rename them *IT");
    try (Stream<Path> files = Files.walk(tests)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith("IT.java") && read(f).contains(FORKS_GATLING)),
          "the scan finds the whole-simulation tests");
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
