package io.chatload.reference.capacity;

import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.FaultPlan;
import java.time.Duration;

/**
 * When a run gives its slot back after its last frame. A run that completed, failed with
 * agent_error, lost agent_completed on the wire (drop) or was cut by a disconnect frees it at
 * once; a stalled run's worker is still busy, so it keeps the slot until its socket closes or
 * {@link CapacityConfig#STALLED_RUN_HOLD} has passed, whichever comes first.
 */
public final class SlotRelease {
  private SlotRelease() {}

  /** How long after the last frame {@code run} still holds its slot (the socket closing cuts it short). */
  public static Duration holdAfterLastFrame(AgentRun run) {
    return run.injectedFaults().contains(FaultPlan.STALL) ? CapacityConfig.STALLED_RUN_HOLD : Duration.ZERO;
  }
}
