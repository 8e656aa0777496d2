package io.chatload.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.MessageStyle;
import io.chatload.contract.AgentEvent;
import io.chatload.journey.Conversation;
import io.chatload.journey.FrameTally;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.sla.SlaSpec;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A platform that is really late cannot pass on the injector's own lateness: the frames of a real
 * reference target on loopback are judged by the suite's own checks on a probed event loop that is
 * held busy on purpose while they wait, as Gatling's loop would be on a saturated injector.
 */
class LatePlatformOnBusyInjectorTest {
  private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);

  @AfterEach
  void stop() throws InterruptedException {
    EventLoopLag.stop();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }

  /**
   * One turn of {@code user}: the message sent, the loop held busy for {@code busyMs}, then each frame
   * judged on the loop as it comes, as Gatling's check would be. Returns each event's problem (null: OK).
   */
  private List<String> turnOnBusyLoop(ReferenceTarget t, FrameTally tally, long busyMs) throws Exception {
    EventLoopLag.start(loops);
    EventLoop loop = loops.next();
    Thread.sleep(200); // the probe has run on the loop once: it knows its thread
    String user = "loadtest-1";
    Conversation c = new Conversation(user, SlaSpec.load("embedded"), MessageStyle.CONTRACT, tally);
    TestClient.Ws ws = TestClient.connect(t, TestClient.mint(t, user));
    String welcome = ws.nextRaw();
    assertTrue(loop.submit(() -> c.consumesWelcome(welcome) && c.problemOf(welcome) == null).get(), welcome);
    ws.send(loop.submit(() -> c.beginTurn("Why did our spend go up?")).get());
    loop.submit(() -> sleep(busyMs)); // the injector's loop is busy: the frames wait behind it
    List<String> problems = new ArrayList<>();
    for (AgentEvent expected : AgentEvent.values()) {
      String problem = "never came";
      while (true) {
        String raw = ws.nextRaw();
        boolean taken = loop.submit(() -> c.consumes(raw, expected)).get();
        if (taken) {
          problem = loop.submit(() -> c.problemOf(raw)).get();
          break;
        }
      }
      problems.add(problem);
    }
    ws.close();
    return problems;
  }

  @Test
  void aStalePlatformIsStillKoWhileTheInjectorsLoopIsHeldBusy() throws Exception {
    FrameTally tally = new FrameTally();
    try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withFaults("stale=1").withSeed(42))) {
      List<String> problems = turnOnBusyLoop(t, tally, 1_500);
      // every event stamped 2 s before it was sent: the loop's 1.5 s cannot account for that
      for (int i = 0; i < problems.size(); i++) {
        assertEquals(AgentEvent.values()[i].wireName() + " delivered more than 500 ms after its timestamp", problems.get(i), problems::toString);
      }
    }
    FrameTally.Counts counts = tally.counts();
    assertEquals(0, counts.excused(), "nothing excused");
    assertEquals(0, counts.explainableKoTotal(), "and no KO the injector could have caused: each is 1.5 s beyond what it could explain");
  }

  @Test
  void anOnTimePlatformOnTheSameBusyLoopIsExcusedNotKoAndCounted() throws Exception {
    // the control: the same busy loop with a platform that is on time — its frames are the injector's to explain
    FrameTally tally = new FrameTally();
    try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withSeed(42))) {
      List<String> problems = turnOnBusyLoop(t, tally, 1_500);
      assertEquals(java.util.Collections.nCopies(5, null), problems, problems::toString);
    }
    FrameTally.Counts counts = tally.counts();
    assertTrue(counts.excused() >= 1, "the frames that waited behind the busy loop are excused, and counted: " + counts);
    assertEquals(5, counts.judged());
  }

  @Test
  void aSlowPlatformIsKoOnABusyLoopBeyondWhatTheLoopExplains() throws Exception {
    // the first thinking 3.4 s after agent_started (the contract allows 2 s), the loop busy 800 ms meanwhile
    ReferenceConfig slow = ReferenceConfig.defaults().withHeartbeatSeconds(0).withLatency("fixed:100,3500,3600,3700,3800");
    FrameTally tally = new FrameTally();
    try (ReferenceTarget t = ReferenceTarget.start(slow.withSeed(1))) {
      List<String> problems = turnOnBusyLoop(t, tally, 800);
      assertEquals("agent_thinking more than 2000 ms after agent_started", problems.get(1), problems::toString);
    }
    assertEquals(0, tally.counts().explainableKoTotal(), tally.counts()::toString);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
