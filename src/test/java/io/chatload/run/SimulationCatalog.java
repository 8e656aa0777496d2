package io.chatload.run;

import io.chatload.simulations.ChatSimulation;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The simulations one can run with {@code -Dsimulation=<Name>}. The build calls {@link #main} before
 * Gatling starts so that a mistyped name is one sentence listing the available ones, not a
 * ClassNotFoundException.
 */
public final class SimulationCatalog {
  private SimulationCatalog() {}

  /** Run by the build (exec:java in Maven's JVM): a wrong name prints one sentence and ends Maven with exit code 3. */
  public static void main(String[] args) {
    String wanted = args.length == 0 ? "" : args[0];
    problemWith(wanted).ifPresent(problem -> RunAborted.exit(ExitCode.CONFIGURATION, problem));
  }

  /** Why {@code wanted} cannot be run, naming the simulations that can; empty when it can. */
  public static Optional<String> problemWith(String wanted) {
    List<String> available = available();
    if (available.contains(wanted.trim())) {
      return Optional.empty();
    }
    return Optional.of("simulation=" + wanted + " is unknown; available: " + String.join(", ", available) + " (-Dsimulation=<Name>)");
  }

  /** Simple names of the concrete simulations in the package of {@link ChatSimulation}, sorted. */
  public static List<String> available() {
    Path dir;
    try {
      dir = Path.of(ChatSimulation.class.getResource("ChatSimulation.class").toURI()).getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .filter(SimulationCatalog::isRunnable)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean isRunnable(String simpleName) {
    try {
      Class<?> c = Class.forName(ChatSimulation.class.getPackageName() + "." + simpleName, false, SimulationCatalog.class.getClassLoader());
      return Simulation.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && Modifier.isPublic(c.getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
