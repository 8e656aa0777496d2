package io.chatload.journey;

import io.chatload.contract.AgentEvent;
import io.chatload.injector.InjectorLateness;
import java.util.OptionalLong;

/**
 * The rule by which a user's frame checks take this injector's own lateness off a late span before a
 * limit is judged: only what the event loop that read the frame provably added, within the span the
 * frame could have waited in its socket. A frame over a limit only by that is excused (OK, counted);
 * a KO by no more than the injector's worst lateness is counted as explainable. Conversation decides
 * what is timed against which limit; this decides how much of it was the injector's.
 */
final class InjectorExcuse {
  private final InjectorLateness injector;
  private final FrameTally tally;
  /** Whether the frame being timed broke a limit only by the injector's proven lateness. */
  private boolean excusedFrame;

  InjectorExcuse(InjectorLateness injector, FrameTally tally) {
    this.injector = injector;
    this.tally = tally;
  }

  /** A new frame is being timed: nothing of it excused yet. */
  void newFrame() {
    excusedFrame = false;
  }

  /** Whether the frame being timed broke a limit only by the injector's proven lateness. */
  boolean frameExcused() {
    return excusedFrame;
  }

  /**
   * A timing KO. One this injector could have caused — {@code beyondMs} no more than its worst
   * lateness so far, nor than the span the frame could have waited in its socket — is counted as
   * explainable: a breach made only of such KOs is inconclusive.
   */
  Breach late(AgentEvent e, long beyondMs, long windowMs, String kind, String detail) {
    if (beyondMs <= Math.min(windowMs, injector.worstMs())) {
      tally.explainableKo(e.wireName());
    }
    return Breach.of(kind, detail);
  }

  /**
   * Whether {@code measuredMs} — a span from {@code fromMs} to now, as this injector saw it — breaks
   * {@code limitMs} by the platform's doing: −1 when it does not, else how many ms of it were this
   * injector's. Only what the injector provably caused is taken off: the time the event loop that read
   * the frame was behind its schedule without a break, within the span the frame could have been
   * waiting in its socket — from {@code fromMs}, or from the frame's own timestamp if later (the
   * platform cannot have sent it before it stamped it). A span that only this puts over the limit is
   * no KO; the frame is excused. Every frame passes here: nothing is built unless the limit is broken.
   */
  long shareBeyond(long measuredMs, long limitMs, Frame f, long fromMs, long now) {
    if (measuredMs <= limitMs) {
      return -1;
    }
    long ours = Math.min(measuredMs, injector.provenMsWithin(waitWindow(f, fromMs, now)));
    if (measuredMs - ours <= limitMs) {
      excusedFrame = true;
      return -1;
    }
    return ours;
  }

  /**
   * How long before {@code now} the frame can have been waiting in its socket: since {@code fromMs},
   * or since its own timestamp if later (the platform cannot have sent it before it stamped it).
   */
  static long waitWindow(Frame f, long fromMs, long now) {
    OptionalLong stamped = f.timestampMillis();
    long earliest = stamped.isPresent() ? Math.max(fromMs, stamped.getAsLong()) : fromMs;
    return Math.max(0, now - earliest);
  }

  /** The KO detail's note of the injector's share of a late span. */
  static String part(long oursMs) {
    return oursMs > 0 ? " (" + oursMs + " ms of that with the event loop that read it behind its schedule)" : "";
  }
}
