package io.chatload.injector;

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
  void aLoopBusyFor600MsIsReportedLateByAboutThatMuch() throws Exception {
    EventLoopLag.start(loops);
    assertTrue(EventLoopLag.isRunning());
    Thread.sleep(300);
    EventLoopLag.takeMaxLateMs();
    // on time, give or take the scheduling of a machine that may be running other tests
    long idle = EventLoopLag.lateMsWithin(200);
    assertTrue(idle < 200, "an idle loop runs its probe on time, late by " + idle + " ms");

    loops.next().submit(() -> sleep(600)).get(); // nothing else runs on that loop meanwhile
    Thread.sleep(100); // the overdue probe has run by now
    long late = EventLoopLag.lateMsWithin(1_000);
    assertTrue(late >= 500 && late <= 2_000, "behind for " + late + " ms after 600 ms busy");
    long sampled = EventLoopLag.takeMaxLateMs();
    assertTrue(sampled >= 500, "the watch's sample: " + sampled + " ms");
    Thread.sleep(100);
    long next = EventLoopLag.takeMaxLateMs();
    assertTrue(next < 200, "taken once, then only the ticks since: " + next + " ms");

    Thread.sleep(1_500); // the busy spell has left the window
    long after = EventLoopLag.lateMsWithin(500);
    assertTrue(after < 200, "behind for " + after + " ms after the spell");
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
