package io.chatload.reference.server;

import io.chatload.reference.TargetCounters;
import io.chatload.reference.buffer.BufferConfig;
import io.chatload.reference.buffer.EventBuffer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the frames of a run whose socket is gone go: to another open socket of its user, else into
 * the user's buffer ({@link EventBuffer}); a socket the user opens later gets the buffer first,
 * oldest frame first, right after its welcome — the release's {@code deliver_buffered_messages}
 * sends the kept messages unchanged, in order, to the user's new connection. A run whose socket is
 * alive writes to it directly and never comes here.
 */
final class BufferedDelivery {
  /** One user's open sockets (newest last) and buffered frames; guarded by its own monitor. */
  private static final class Mailbox {
    final List<Channel> channels = new ArrayList<>(1);
    final Deque<EventBuffer.Held> queue = new ArrayDeque<>();
    /** Removed from the map: a caller that still holds it must look again. */
    boolean retired;

    Channel liveChannel() {
      for (int i = channels.size() - 1; i >= 0; i--) {
        if (channels.get(i).isActive()) {
          return channels.get(i);
        }
      }
      return null;
    }
  }

  private final ConcurrentHashMap<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
  private final EventBuffer buffer;
  private final TargetCounters counters;

  BufferedDelivery(BufferConfig config, TargetCounters counters) {
    this.buffer = new EventBuffer(config, counters);
    this.counters = counters;
  }

  EventBuffer buffer() {
    return buffer;
  }

  /** A socket of {@code userId} opened and was welcomed: it gets what was kept for the user, then later frames. */
  void socketOpened(String userId, Channel channel) {
    while (true) {
      Mailbox m = mailboxes.computeIfAbsent(userId, k -> new Mailbox());
      synchronized (m) {
        if (m.retired) {
          continue;
        }
        m.channels.add(channel);
        List<EventBuffer.Held> due = buffer.drain(m.queue, System.currentTimeMillis());
        for (EventBuffer.Held h : due) {
          channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(h.frame())));
        }
        if (!due.isEmpty()) {
          channel.flush();
          due.forEach(h -> counters.eventSent());
        }
        return;
      }
    }
  }

  /** The socket closed or is closing: frames must not go to it any more. */
  void socketGone(String userId, Channel channel) {
    Mailbox m = mailboxes.get(userId);
    if (m == null) {
      return;
    }
    synchronized (m) {
      m.channels.remove(channel);
      retireIfIdle(userId, m);
    }
  }

  /** A frame of a run whose own socket is gone: to the user's open socket, else into the buffer. */
  void deliver(String userId, String type, byte[] frame) {
    while (true) {
      Mailbox m = mailboxes.computeIfAbsent(userId, k -> new Mailbox());
      synchronized (m) {
        if (m.retired) {
          continue;
        }
        Channel live = m.liveChannel();
        if (live != null) {
          live.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)));
          counters.eventSent();
        } else {
          buffer.offer(m.queue, new EventBuffer.Held(type, frame, System.currentTimeMillis()));
        }
        return;
      }
    }
  }

  /** Drops frames past their time and forgets users with nothing kept and no socket. */
  void sweep(long nowMillis) {
    for (var e : mailboxes.entrySet()) {
      Mailbox m = e.getValue();
      synchronized (m) {
        buffer.expire(m.queue, nowMillis);
        m.channels.removeIf(c -> !c.isActive());
        retireIfIdle(e.getKey(), m);
      }
    }
  }

  private void retireIfIdle(String userId, Mailbox m) {
    if (m.channels.isEmpty() && m.queue.isEmpty()) {
      m.retired = true;
      mailboxes.remove(userId, m);
    }
  }
}
