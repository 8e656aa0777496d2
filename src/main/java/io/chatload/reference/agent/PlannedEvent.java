package io.chatload.reference.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One frame of a run's timeline: its {@code type}, how long after the previous frame (or the
 * user's message) it is due, its {@code data} (the send-time fields are filled in by {@link
 * AgentRun#render}), and what a fault does to it.
 */
public record PlannedEvent(
    String type,
    long delayMillis,
    ObjectNode data,
    boolean malformed,
    boolean leak,
    boolean closeAfter) {

  PlannedEvent withDelay(long d) {
    return new PlannedEvent(type, d, data, malformed, leak, closeAfter);
  }

  PlannedEvent asMalformed() {
    return new PlannedEvent(type, delayMillis, data, true, leak, closeAfter);
  }

  PlannedEvent asLeaked() {
    return new PlannedEvent(type, delayMillis, data, malformed, true, closeAfter);
  }

  PlannedEvent asClosingAfter() {
    return new PlannedEvent(type, delayMillis, data, malformed, leak, true);
  }
}
