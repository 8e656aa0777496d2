package io.chatload.run;

/**
 * How a run ends, as the process exit code a CI job reads: the README's exit-code table lists these
 * (ExitCodeTest holds the two together). 2 is Gatling's own; the others are set by this suite.
 */
public enum ExitCode {
  /** Held: every SLA and check held on measured figures. */
  HELD(0),
  /** An SLA assertion failed (Gatling's own code), or the auto-stop ended a lost run early. */
  SLA_FAILED(2),
  /** A setting is wrong: the run does not start, one sentence names it. */
  CONFIGURATION(3),
  /** The target failed the pre-flight: no load was sent. */
  PREFLIGHT(4),
  /** Gatling's assertions held but a run-level check failed, or (with baseline.failOnRegression) a figure regressed. */
  RUN_CHECK_FAILED(5),
  /**
   * Inconclusive: the run held with frames excused by the injector's own lateness (not measured), or
   * breached by no more than that lateness explains (MeasuredVerdict). Takes precedence over 2 and 5.
   */
  INCONCLUSIVE(6),
  /** The SLA summary could not be judged or written: the run proved nothing it can show. */
  SUMMARY_FAILED(7);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
