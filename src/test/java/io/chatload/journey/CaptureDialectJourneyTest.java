package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.MessageStyle;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import io.chatload.sla.SlaSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journey's verdicts on frames as staging captured them, from the reference target speaking
 * {@code capture} on loopback (real sockets; the checks in-process, as Gatling's matching calls
 * them): a clean run has no KO — a thread the server made is not a leak —, and a leak and a stale
 * timestamp are caught, by the words the load reports them with.
 */
class CaptureDialectJourneyTest {
  private static final SlaSpec SLA = SlaSpec.load("embedded");

  private static ReferenceTarget start(String faults) {
    return ReferenceTarget.start(ReferenceConfig.defaults().withHeartbeatSeconds(0).withLatency("fixed:5,10,15,20,25")
        .withDialect(Dialect.CAPTURE).withFaults(faults).withSeed(11));
  }

  /** One user's socket and conversation. */
  private record User(Ws ws, Conversation conversation) {}

  private static User connect(ReferenceTarget t, String id, MessageStyle style) throws Exception {
    Ws ws = TestClient.connect(t, TestClient.mint(t, id));
    Conversation c = new Conversation(id, SLA, style);
    String welcome = ws.nextRaw();
    assertTrue(c.consumesWelcome(welcome));
    assertEquals(null, c.problemOf(welcome));
    return new User(ws, c);
  }

  /**
   * One turn as the journey judges it: each frame offered to the check awaiting the next event; a
   * KO ends the turn; frames no check took are reviewed as between turns. Returns the KO kinds.
   */
  private static List<String> turn(User u) throws Exception {
    u.ws().send(u.conversation().beginTurn("Why did our cloud spend go up?"));
    List<String> kos = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    AgentEvent[] events = AgentEvent.values();
    int awaiting = 0;
    while (awaiting < events.length && kos.isEmpty()) {
      String frame = u.ws().nextRaw();
      if (u.conversation().consumes(frame, events[awaiting])) {
        String problem = u.conversation().problemOf(frame);
        if (problem != null) {
          kos.add(problem);
        } else {
          awaiting++;
        }
      } else {
        unmatched.add(frame);
      }
    }
    unmatched.addAll(u.ws().drain(150));
    for (Breach b : u.conversation().reviewBetweenTurns(unmatched)) {
      kos.add(b.kind());
    }
    return kos;
  }

  @Test
  void aCleanCaptureTargetPassesInEveryStyleAndItsServerMadeThreadsAreNoLeak() throws Exception {
    try (ReferenceTarget t = start("")) {
      for (MessageStyle style : MessageStyle.values()) {
        User u = connect(t, "loadtest-" + (1 + style.ordinal()), style);
        for (int i = 0; i < 3; i++) {
          assertEquals(List.of(), turn(u), style + " turn " + i);
          assertTrue(u.conversation().runId().startsWith("thread_" + u.conversation().threadId() + "_run_"),
              "the server's thread, adopted: " + u.conversation().runId());
        }
      }
    }
  }

  @Test
  void aLeakIsCaught() throws Exception {
    try (ReferenceTarget t = start("leak=1")) {
      User victim = connect(t, "loadtest-1", MessageStyle.CONTRACT);
      User source = connect(t, "loadtest-2", MessageStyle.CONTRACT);
      turn(victim); // its own run's leaked frame goes to the other socket
      turn(source);
      List<String> kos = turn(victim);
      assertTrue(kos.stream().anyMatch(k -> k.startsWith(Conversation.LEAK)), kos.toString());
    }
  }

  @Test
  void aStaleTimestampInsidePayloadIsLateDelivery() throws Exception {
    try (ReferenceTarget t = start("stale=1")) {
      assertEquals(List.of("agent_started delivered more than 500 ms after its timestamp"),
          turn(connect(t, "loadtest-1", MessageStyle.CONTRACT)));
    }
  }
}
