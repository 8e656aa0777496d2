package io.chatload.endtoend;

import io.chatload.reference.ReferenceTarget;
import java.time.Duration;

/**
 * Closes a standalone reference target a while after the run's first user logged in (the target's
 * own login counter passing the pre-flight's one), so "the target dies mid-run" happens mid-run
 * however long the forked JVM took to start and pass its pre-flight.
 */
final class TargetKiller implements AutoCloseable {
  /** Logins the pre-flight makes before any user. */
  private static final long PREFLIGHT_LOGINS = 1;

  private final Thread thread;
  private volatile long killedAtMillis;

  private TargetKiller(ReferenceTarget target, Duration afterFirstLogin) {
    thread = new Thread(() -> {
      try {
        while (target.counters().logins() <= PREFLIGHT_LOGINS) {
          Thread.sleep(50);
        }
        Thread.sleep(afterFirstLogin.toMillis());
        killedAtMillis = System.currentTimeMillis();
        target.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "target-killer");
    thread.setDaemon(true);
    thread.start();
  }

  static TargetKiller afterFirstLogin(ReferenceTarget target, Duration delay) {
    return new TargetKiller(target, delay);
  }

  /** When the target was closed (epoch ms), or 0 if it was not. */
  long killedAtMillis() {
    return killedAtMillis;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
