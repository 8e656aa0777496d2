package io.chatload.reference;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the target did, for /health and for tests to assert on. Thread-safe, cheap to bump. */
public final class TargetCounters {
  private final LongAdder socketsOpen = new LongAdder();
  private final LongAdder runsInFlight = new LongAdder();
  private final LongAdder runsStarted = new LongAdder();
  private final LongAdder runsCompleted = new LongAdder();
  private final LongAdder eventsSent = new LongAdder();
  private final LongAdder logins = new LongAdder();
  /** Who logged in: injectors that share a run must never log in the same user (docs/SCALING_OUT.md). */
  private final java.util.Set<String> usersLoggedIn = ConcurrentHashMap.newKeySet();
  private final LongAdder repeatLogins = new LongAdder();
  private final LongAdder handshakesRefused = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> faultsInjected = new ConcurrentHashMap<>();
  private final LongAdder[] buffered = new LongAdder[Buffered.values().length];

  /** What became of the frames of users with no open socket (the message buffer). */
  public enum Buffered {
    KEPT("kept"), DELIVERED("delivered"), DROPPED_USER_CAP("droppedUserCap"), DROPPED_GLOBAL_CAP("droppedGlobalCap"), EXPIRED("expired");

    public final String healthName;

    Buffered(String healthName) {
      this.healthName = healthName;
    }
  }

  public TargetCounters() {
    for (int i = 0; i < buffered.length; i++) {
      buffered[i] = new LongAdder();
    }
  }

  public void socketOpened() {
    socketsOpen.increment();
  }

  public void socketClosed() {
    socketsOpen.decrement();
  }

  public void runStarted() {
    runsStarted.increment();
    runsInFlight.increment();
  }

  /** A run's timeline ended (completed, failed, stalled or cut short by a closed socket). */
  public void runEnded(boolean completed) {
    runsInFlight.decrement();
    if (completed) {
      runsCompleted.increment();
    }
  }

  public void eventSent() {
    eventsSent.increment();
  }

  /** A token issued to {@code userId} by a login or test-auth. */
  public void login(String userId) {
    logins.increment();
    if (!usersLoggedIn.add(userId)) {
      repeatLogins.increment();
    }
  }

  public void handshakeRefused() {
    handshakesRefused.increment();
  }

  public void faultInjected(String fault) {
    faultsInjected.computeIfAbsent(fault, f -> new LongAdder()).increment();
  }

  public void buffered(Buffered what, long frames) {
    buffered[what.ordinal()].add(frames);
  }

  public long buffered(Buffered what) {
    return buffered[what.ordinal()].sum();
  }

  public long socketsOpen() {
    return socketsOpen.sum();
  }

  public long runsInFlight() {
    return runsInFlight.sum();
  }

  public long runsStarted() {
    return runsStarted.sum();
  }

  public long runsCompleted() {
    return runsCompleted.sum();
  }

  public long eventsSent() {
    return eventsSent.sum();
  }

  public long logins() {
    return logins.sum();
  }

  /** Distinct users that logged in at least once. */
  public long usersLoggedIn() {
    return usersLoggedIn.size();
  }

  /** Logins of a user who had logged in before (a pre-flight's user, a renewal by login, a shared account). */
  public long repeatLogins() {
    return repeatLogins.sum();
  }

  public long handshakesRefused() {
    return handshakesRefused.sum();
  }

  public long faultsInjected(String fault) {
    LongAdder a = faultsInjected.get(fault);
    return a == null ? 0 : a.sum();
  }

  /** Fault name → times injected, sorted by name. */
  public Map<String, Long> faultsInjected() {
    Map<String, Long> m = new TreeMap<>();
    faultsInjected.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }
}
