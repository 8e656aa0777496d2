package io.chatload.reference.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void slidingWindowAllowsLimitPerMinuteAndFreesOldPermits() {
    SlidingWindowLimiter l = new SlidingWindowLimiter(3, 60);
    long t = 1_000_000_000L;
    assertTrue(l.tryAcquire(t));
    assertTrue(l.tryAcquire(t + 10_000));
    assertTrue(l.tryAcquire(t + 20_000));
    assertFalse(l.tryAcquire(t + 30_000));
    assertFalse(l.tryAcquire(t + 59_000), "the first permit is still inside the window");
    assertTrue(l.tryAcquire(t + 60_000), "the first permit left the window");
    assertFalse(l.tryAcquire(t + 61_000));
    assertFalse(l.idleSince(t + 61_000));
    assertTrue(l.idleSince(t + 200_000));
  }

  @Test
  void hugeLimitsCostNoMemory() {
    SlidingWindowLimiter l = new SlidingWindowLimiter(Integer.MAX_VALUE, 60);
    for (int i = 0; i < 100_000; i++) {
      assertTrue(l.tryAcquire(i));
    }
  }

  @Test
  void threadOwnersAreFirstComeAndBounded() {
    ThreadOwners o = new ThreadOwners(2);
    assertTrue(o.claim("t1", "alice"));
    assertTrue(o.claim("t1", "alice"));
    assertFalse(o.claim("t1", "bob"));
    assertTrue(o.claim("t2", "bob"));
    assertTrue(o.claim("t3", "carol")); // evicts t1, the least recently used
    assertEquals(2, o.size());
    assertTrue(o.claim("t1", "bob"));
  }
}
