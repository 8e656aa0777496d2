package io.chatload.run;

/**
 * Ends a run that must not start (bad configuration, target not serving) with one readable
 * sentence on stderr instead of a stack trace, and a non-zero exit so the build fails.
 */
public final class RunAborted {
  /** Exit code for a setting the run cannot start with. */
  public static final int CONFIGURATION = 3;
  /** Exit code for a target that failed the pre-flight check. */
  public static final int PREFLIGHT = 4;

  private RunAborted() {}

  public static void exit(int code, String message) {
    System.out.flush();
    System.err.println();
    System.err.println((code == CONFIGURATION ? "Configuration error: " : "") + message);
    System.err.println();
    System.err.flush();
    System.exit(code);
  }
}
