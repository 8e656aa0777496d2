package io.chatload.reference.agent;

import io.chatload.contract.AgentEvent;
import java.util.Set;

/** The faults drawn for one run (see {@link FaultPlan} for what each means to the client). */
public record RunFaults(
    double slowFactor,
    Set<AgentEvent> dropped,
    boolean disorder,
    boolean leak,
    boolean malformed,
    boolean disconnect,
    boolean error,
    boolean stall,
    boolean stale) {

  public static final RunFaults NONE = new RunFaults(1.0, Set.of(), false, false, false, false, false, false, false);

  public RunFaults {
    dropped = Set.copyOf(dropped);
  }

  public boolean any() {
    return slowFactor != 1.0 || !dropped.isEmpty() || disorder || leak || malformed || disconnect || error || stall || stale;
  }
}
