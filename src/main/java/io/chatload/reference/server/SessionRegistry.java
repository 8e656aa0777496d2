package io.chatload.reference.server;

import io.chatload.reference.limits.SlidingWindowLimiter;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open sockets of each user and the user's message-rate window, shared across sockets and
 * event loops. Idle users are swept so the map tracks active users only.
 */
final class SessionRegistry {
  private static final int MINUTE_SECONDS = 60;

  private static final class UserSessions {
    final List<Channel> channels = new CopyOnWriteArrayList<>();
    final SlidingWindowLimiter limiter;

    UserSessions(int messagesPerMinute) {
      this.limiter = new SlidingWindowLimiter(messagesPerMinute, MINUTE_SECONDS);
    }
  }

  private final ConcurrentHashMap<String, UserSessions> users = new ConcurrentHashMap<>();
  private final int connectionsPerUser;
  private final int messagesPerMinute;

  SessionRegistry(int connectionsPerUser, int messagesPerMinute) {
    this.connectionsPerUser = connectionsPerUser;
    this.messagesPerMinute = messagesPerMinute;
  }

  /** Registers the socket unless the user already has the maximum open. */
  boolean open(String userId, Channel channel) {
    boolean[] accepted = {false};
    users.compute(
        userId,
        (k, u) -> {
          if (u == null) {
            u = new UserSessions(messagesPerMinute);
          }
          if (u.channels.size() < connectionsPerUser) {
            u.channels.add(channel);
            accepted[0] = true;
          }
          return u;
        });
    return accepted[0];
  }

  void close(String userId, Channel channel) {
    users.computeIfPresent(
        userId,
        (k, u) -> {
          u.channels.remove(channel);
          return u;
        });
  }

  /** Takes one message permit of the user's sliding minute. */
  boolean tryMessage(String userId, long nowMillis) {
    UserSessions u = users.get(userId);
    return u == null || u.limiter.tryAcquire(nowMillis);
  }

  /** Some open socket of a different user, or null (for the {@code leak} fault). */
  Channel otherUsersChannel(String userId) {
    for (Map.Entry<String, UserSessions> e : users.entrySet()) {
      if (e.getKey().equals(userId)) {
        continue;
      }
      for (Channel c : e.getValue().channels) {
        if (c.isActive()) {
          return c;
        }
      }
    }
    return null;
  }

  /** Forgets users with no socket and no message in the last minute. */
  void sweep(long nowMillis) {
    for (String userId : users.keySet()) {
      users.computeIfPresent(
          userId, (k, u) -> u.channels.isEmpty() && u.limiter.idleSince(nowMillis) ? null : u);
    }
  }

  int trackedUsers() {
    return users.size();
  }
}
