package io.chatload.endtoend;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a simulation the way the Maven plugin does: Gatling's own main in a forked JVM on the test
 * class path, with -D properties, into a results folder of its own. Bounded by a timeout. The JVM's
 * flags are the plugin's, read from pom.xml ({@link JvmFlags}), never copied here.
 */
public final class GatlingRun {
  public record Result(int exitCode, String output, Path resultsDir) {
    /** The run folder Gatling wrote (simulation.log, index.html, ...), if any. */
    public Optional<Path> runFolder() {
      try (Stream<Path> dirs = Files.list(resultsDir)) {
        return dirs.filter(Files::isDirectory).findFirst();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n" + output;
    }
  }

  /** One forked run several tests read: started by the first test that asks for it, once. */
  public static final class Shared {
    private final java.util.concurrent.Callable<Result> start;
    private Result result;

    public Shared(java.util.concurrent.Callable<Result> start) {
      this.start = start;
    }

    public synchronized Result get() throws Exception {
      if (result == null) {
        result = start.call();
      }
      return result;
    }
  }

  private GatlingRun() {}

  /** {@code "users=4 reference.faults=leak=1"} → a property map (values may contain '='). */
  public static Map<String, String> properties(String spaceSeparated) {
    Map<String, String> p = new java.util.LinkedHashMap<>();
    for (String kv : spaceSeparated.trim().split("\\s+")) {
      int eq = kv.indexOf('=');
      p.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return p;
  }

  public static Result run(String simulation, Map<String, String> properties, Duration timeout) throws Exception {
    return run(simulation, properties, Map.of(), timeout);
  }

  /** As above, with extra environment variables for the forked JVM (secrets come from there). */
  public static Result run(String simulation, Map<String, String> properties, Map<String, String> env, Duration timeout)
      throws Exception {
    Path results = Files.createTempDirectory(Path.of("target"), "gatling-" + simulation + "-");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JvmFlags.ofTestRuns());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("io.gatling.app.Gatling");
    cmd.add("-s");
    cmd.add("io.chatload.simulations." + simulation);
    cmd.add("-rf");
    cmd.add(results.toAbsolutePath().toString());
    Path log = results.resolve("console.log");
    ProcessBuilder builder = new ProcessBuilder(cmd);
    builder.environment().putAll(env);
    Process p = builder
        .directory(new File(System.getProperty("chatload.projectDir", ".")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      throw new AssertionError(simulation + " did not finish within " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), results);
  }
}
