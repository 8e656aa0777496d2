package io.chatload.run;

/**
 * Ends a run that must not start (bad configuration, target not serving) with one readable
 * sentence on stderr instead of a stack trace, and a non-zero exit so the build fails.
 */
public final class RunAborted {
  private RunAborted() {}

  /** Ends the run with {@code code} ({@link ExitCode#CONFIGURATION} or {@link ExitCode#PREFLIGHT}) and {@code message}. */
  public static void exit(ExitCode code, String message) {
    System.out.flush();
    System.err.println();
    System.err.println((code == ExitCode.CONFIGURATION ? "Configuration error: " : "") + message);
    System.err.println();
    System.err.flush();
    System.exit(code.code());
  }
}
