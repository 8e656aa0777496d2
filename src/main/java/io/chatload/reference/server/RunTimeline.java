package io.chatload.reference.server;

import io.chatload.reference.TargetCounters;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.agent.PlannedEvent;
import io.chatload.reference.capacity.AgentSlots;
import io.chatload.reference.capacity.Overloaded;
import io.chatload.reference.capacity.SlotRelease;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays one {@link AgentRun} on its socket's event loop: one pending scheduled task at a time,
 * frames due at the same moment written together and flushed once. No thread of its own.
 */
final class RunTimeline implements Runnable {
  private final AgentRun run;
  private final List<PlannedEvent> events;
  private final ChannelHandlerContext ctx;
  private final TargetServices s;
  private final Consumer<RunTimeline> onEnd;
  private long startedAtMillis = System.currentTimeMillis();
  /** This run's agent slot; null when the capacity model is off. */
  private AgentSlots.Ticket slot;
  private io.netty.util.concurrent.ScheduledFuture<?> pending;
  private int next;
  /** When the next event is due, on the run's own clock: lateness of one event does not push the next. */
  private long nextDueNanos = System.nanoTime();
  private boolean ended;
  /** The run's socket is gone and the buffer is on: the run plays on, its frames go to {@link BufferedDelivery}. */
  private boolean socketGone;
  private boolean started;

  RunTimeline(AgentRun run, ChannelHandlerContext ctx, TargetServices services, Consumer<RunTimeline> onEnd) {
    this.run = run;
    this.events = run.events();
    this.ctx = ctx;
    this.s = services;
    this.onEnd = onEnd;
  }

  /**
   * Starts playing now, or, with the capacity model on, once an agent slot is free: the wait in the
   * queue delays every event, agent_started included. A run the full queue turns away gets the
   * overloaded agent_error instead. Must be called on the channel's event loop.
   */
  void startWhenAdmitted() {
    if (s.slots == null) {
      start();
      return;
    }
    slot = s.slots.admit(() -> ctx.executor().execute(this::start));
    if (slot.state() == AgentSlots.State.REJECTED) {
      long now = System.currentTimeMillis();
      PlannedEvent overloaded = Overloaded.agentError(run, s.slots.config().queueLimit());
      ctx.writeAndFlush(Responses.frame(ctx.alloc(), s.dialect.agentEvent(run, overloaded, now, now)));
      end(false);
    }
  }

  /** Plays the timeline from now; must be called on the channel's event loop. */
  private void start() {
    if (ended) {
      return; // the socket closed while the run waited for its slot
    }
    started = true;
    startedAtMillis = System.currentTimeMillis();
    nextDueNanos = System.nanoTime();
    scheduleNext();
  }

  /**
   * The run's socket closed and the platform buffers for absent users: the agent runs on and its
   * frames wait for the user's next socket. Must be called on the channel's event loop.
   */
  void socketGone() {
    if (!started) {
      cancel(); // still waiting for an agent worker: the user left before the agent began
      return;
    }
    socketGone = true;
  }

  /** Stops the run (socket closed or target closing): nothing more is sent. */
  void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
    end(false);
  }

  private void scheduleNext() {
    if (next >= events.size()) {
      Duration hold = slot == null ? Duration.ZERO : SlotRelease.holdAfterLastFrame(run);
      if (hold.isZero()) {
        end(run.completes());
      } else {
        // a stalled agent keeps its worker busy until the socket closes (cancel) or the hold ends
        pending = ctx.executor().schedule(() -> end(false), hold.toNanos(), TimeUnit.NANOSECONDS);
      }
      return;
    }
    nextDueNanos += TimeUnit.MILLISECONDS.toNanos(Math.max(0, events.get(next).delayMillis()));
    long wait = nextDueNanos - System.nanoTime();
    if (wait <= 0) {
      run();
    } else {
      try {
        pending = ctx.executor().schedule(this, wait, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        end(false); // the target is closing: a run playing on without its socket stops here
      }
    }
  }

  @Override
  public void run() {
    pending = null;
    if (ended) {
      return;
    }
    if (!socketGone && !ctx.channel().isActive()) {
      if (s.delivery == null) {
        end(false);
        return;
      }
      socketGone = true;
    }
    do {
      PlannedEvent e = events.get(next++);
      send(e);
      if (e.closeAfter() && !socketGone) {
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "Internal error (injected disconnect)"))
            .addListener(ChannelFutureListener.CLOSE);
        if (s.delivery == null) {
          end(false);
          return;
        }
        // the socket crashed, not the agent: what it sends from now on is the buffer's
        socketGone = true;
        s.delivery.socketGone(run.userId(), ctx.channel());
      }
    } while (next < events.size() && events.get(next).delayMillis() <= 0);
    if (!socketGone) {
      ctx.flush();
    }
    scheduleNext();
  }

  private void send(PlannedEvent e) {
    long now = System.currentTimeMillis();
    long stamp = run.faults().stale() ? now - FaultPlan.STALE_MILLIS : now;
    ByteBuf buf = Responses.encode(ctx.alloc(), s.dialect.agentEvent(run, e, startedAtMillis, stamp));
    if (e.malformed()) {
      // a truncated, non-JSON frame; cut on a UTF-8 character boundary so the frame stays valid text
      int cut = buf.readerIndex() + buf.readableBytes() / 2;
      while (cut > buf.readerIndex() && (buf.getByte(cut) & 0xC0) == 0x80) {
        cut--;
      }
      buf.writerIndex(cut);
    }
    if (socketGone) {
      byte[] frame = ByteBufUtil.getBytes(buf);
      buf.release();
      s.delivery.deliver(run.userId(), e.type(), frame);
      return;
    }
    if (e.leak()) {
      Channel other = s.sessions.otherUsersChannel(run.userId());
      if (other != null) {
        other.writeAndFlush(new TextWebSocketFrame(buf.retainedDuplicate()));
        s.counters.faultInjected(FaultPlan.LEAK);
      }
    }
    ctx.write(new TextWebSocketFrame(buf));
    s.counters.eventSent();
  }

  private void end(boolean completed) {
    if (!ended) {
      ended = true;
      s.counters.runEnded(completed);
      if (slot != null) {
        slot.release();
      }
      onEnd.accept(this);
    }
  }

  static void countInjected(TargetCounters counters, AgentRun run) {
    for (String f : run.injectedFaults()) {
      counters.faultInjected(f);
    }
  }
}
