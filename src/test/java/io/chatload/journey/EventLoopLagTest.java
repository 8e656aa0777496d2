package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes on real event loops: a loop kept busy shows as late, by about as long as it was busy. */
class EventLoopLagTest {
  private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);

  @AfterEach
  void stop() throws InterruptedException {
    EventLoopLag.stop();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }

  @Test
  void aLoopBusyFor400MsIsReportedLateByAboutThatMuch() throws Exception {
    EventLoopLag.start(loops);
    assertTrue(EventLoopLag.isRunning());
    Thread.sleep(300);
    EventLoopLag.takeMaxLateMs();
    long idle = EventLoopLag.lateMsWithin(200);
    assertTrue(idle < 100, "an idle loop runs its probe on time, late by " + idle + " ms");

    loops.next().submit(() -> sleep(400)).get(); // nothing else runs on that loop meanwhile
    long late = EventLoopLag.lateMsWithin(1_000);
    // at most the busy time and the test's own wait, plus scheduling noise on a shared machine
    assertTrue(late >= 300 && late <= 1_500, "late by " + late + " ms after 400 ms busy");
    long sampled = EventLoopLag.takeMaxLateMs();
    assertTrue(sampled >= 300, "the watch's sample: " + sampled + " ms");
    assertTrue(EventLoopLag.takeMaxLateMs() < 100, "taken once, then the next tick's");

    Thread.sleep(1_200); // the busy spell has left the window
    assertTrue(EventLoopLag.lateMsWithin(500) < 100);
  }

  @Test
  void twoBusyRoundsAddUpAsAFrameWaitingThroughBothWould() throws Exception {
    EventLoopLag.start(loops);
    var loop = loops.next();
    Thread.sleep(200);
    long start = System.nanoTime();
    loop.submit(() -> sleep(300)).get();
    Thread.sleep(20); // the overdue probe runs between the two rounds
    loop.submit(() -> sleep(300)).get();
    long window = (System.nanoTime() - start) / 1_000_000;
    long behind = EventLoopLag.lateMsWithin(window);
    // each probe saw at most one round (about 300 and 250 ms); the frame would have waited through both
    assertTrue(behind >= 450 && behind <= window, "behind for " + behind + " of " + window + " ms");
  }

  @Test
  void nothingProbedMeansNoLateness() {
    assertFalse(EventLoopLag.isRunning());
    assertEquals(0, EventLoopLag.lateMsWithin(10_000));
    assertEquals(0, EventLoopLag.takeMaxLateMs());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
