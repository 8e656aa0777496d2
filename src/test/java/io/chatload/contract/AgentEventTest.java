package io.chatload.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentEventTest {
  @Test
  void everyEventIsFoundByItsWireNameAndNothingElseIs() {
    for (AgentEvent e : AgentEvent.values()) {
      assertEquals(Optional.of(e), AgentEvent.fromWireName(e.wireName()));
    }
    assertTrue(AgentEvent.fromWireName(null).isEmpty());
    assertTrue(AgentEvent.fromWireName("agent_error").isEmpty());
    assertTrue(AgentEvent.fromWireName("AGENT_STARTED").isEmpty());
    assertTrue(AgentEvent.fromWireName("").isEmpty());
  }
}
