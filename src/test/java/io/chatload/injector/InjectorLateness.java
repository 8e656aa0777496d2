package io.chatload.injector;

import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * How late this injector ran, as the frame checks ask it: what it provably added to the span a frame
 * could have waited in its socket (taken off before a limit is judged), and the most it was ever
 * behind at once (whether a breach could be its doing).
 */
public interface InjectorLateness {
  /** Ms of the last {@code windowMs} the event loop reading the frame was provably behind its schedule. */
  long provenMsWithin(long windowMs);

  /** The most the injector was behind its schedule at once so far in the run, in ms. */
  long worstMs();

  /** Gatling's event loops, as EventLoopLag probes them. */
  InjectorLateness EVENT_LOOPS = of(EventLoopLag::thisLoopLateMsWithin, EventLoopLag::worstLateMs);

  /** An injector that is never late. */
  InjectorLateness NONE = of(window -> 0, () -> 0);

  static InjectorLateness of(LongUnaryOperator proven, LongSupplier worst) {
    return new InjectorLateness() {
      @Override
      public long provenMsWithin(long windowMs) {
        return proven.applyAsLong(windowMs);
      }

      @Override
      public long worstMs() {
        return worst.getAsLong();
      }
    };
  }
}
