package io.chatload.reference.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The capacity model's part of {@code /health}: a {@code capacity} object (workers, busy slots,
 * queue length, rejected runs, ...) and status {@code degraded} while more runs wait than {@link
 * CapacityConfig#degradedQueueLength()}.
 */
public final class CapacityHealth {
  public static final String DEGRADED = "degraded";

  private CapacityHealth() {}

  /** Adds the capacity figures to a {@code /health} body and downgrades its status when the queue is long. */
  public static void addTo(ObjectNode health, AgentSlots slots) {
    AgentSlots.Snapshot s = slots.snapshot();
    CapacityConfig c = slots.config();
    ObjectNode n = health.putObject("capacity");
    n.put("workers", c.workers());
    n.put("busy", s.busy());
    n.put("queued", s.queued());
    n.put("queueLimit", c.queueLimit() == Integer.MAX_VALUE ? -1 : c.queueLimit());
    n.put("rejected", s.rejected());
    n.put("runsPerSecond", c.runsPerSecond());
    n.put("started", s.started());
    n.put("waitedEver", s.queuedEver());
    if (s.queued() > c.degradedQueueLength()) {
      health.put("status", DEGRADED);
      n.put("degradedBecause", s.queued() + " runs waiting for an agent worker (more than " + c.degradedQueueLength() + ")");
    }
  }
}
