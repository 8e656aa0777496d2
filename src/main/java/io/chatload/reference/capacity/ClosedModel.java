package io.chatload.reference.capacity;

/**
 * Little's law for a closed population against {@code workers} slots: users alternate a run of mean
 * length {@code runMs} (the time a slot is held) with a mean think time {@code thinkMs}. Below the
 * knee every run finds a slot; above it the slots are the bottleneck and every extra user only
 * lengthens the queue.
 *
 * @param workers agent slots (W)
 * @param runMs mean run time T, ms: slot taken to last frame, which is also message → agent_completed without a queue
 * @param thinkMs mean time a user spends between the end of one run and the next message, Z, ms
 */
public record ClosedModel(int workers, double runMs, double thinkMs) {

  /** W/T: the most runs per second the slots can finish. */
  public double saturationRunsPerSec() {
    return workers * 1000.0 / runMs;
  }

  /** N* = W·(T+Z)/T: the users at which throughput stops growing. */
  public double kneeUsers() {
    return workers * (runMs + thinkMs) / runMs;
  }

  /** N_S = W·(S+Z)/T: the users at which the mean response time reaches {@code slaMs}. */
  public double usersAtResponse(double slaMs) {
    return workers * (slaMs + thinkMs) / runMs;
  }

  /** R(N) ≈ max(T, N·T/W − Z): the mean response time (message → agent_completed) with N users. */
  public double responseMs(double users) {
    return Math.max(runMs, users * runMs / workers - thinkMs);
  }

  /** X(N) ≈ min(N/(T+Z), W/T): runs finished per second with N users. */
  public double throughputRunsPerSec(double users) {
    return Math.min(users * 1000.0 / (runMs + thinkMs), saturationRunsPerSec());
  }
}
