package io.chatload.reference.server;

import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.TargetCounters;
import io.chatload.reference.agent.AgentRunPlanner;
import io.chatload.reference.auth.TokenIssuer;
import io.chatload.reference.auth.UserDirectory;
import io.chatload.reference.dialect.WireDialect;
import io.chatload.reference.capacity.AgentSlots;
import io.chatload.reference.limits.ThreadOwners;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** What the handlers share: configuration, the wire dialect, the auth pieces, the run planner, limits, counters. */
public final class TargetServices {
  final ReferenceConfig config;
  final TargetCounters counters;
  final TokenIssuer tokens;
  final UserDirectory users;
  final AgentRunPlanner planner;
  final SessionRegistry sessions;
  final ThreadOwners threadOwners;
  final WireDialect dialect;
  /** Agent workers and their queue; null when the capacity model is off (every run starts at once). */
  final AgentSlots slots;
  /** Frames of runs whose socket is gone: to the user's next socket; null when the buffer is off. */
  final BufferedDelivery delivery;
  final ChannelGroup allChannels = new DefaultChannelGroup("reference-target", GlobalEventExecutor.INSTANCE);
  private final byte[] bypassKey;

  public TargetServices(
      ReferenceConfig config,
      TargetCounters counters,
      TokenIssuer tokens,
      UserDirectory users,
      AgentRunPlanner planner,
      String bypassKey) {
    this.config = config;
    this.counters = counters;
    this.tokens = tokens;
    this.users = users;
    this.planner = planner;
    this.dialect = WireDialect.of(config.dialect());
    // dialects whose server loop enforces no per-user limits get effectively unlimited ones; so does a
    // target that makes every socket one user (demo mode and emergency auth exist only in such releases)
    this.sessions = dialect.enforcesMessageLimits() && config.authBypass() == io.chatload.reference.auth.AuthBypass.OFF
        ? new SessionRegistry(config.connectionsPerUser(), config.messagesPerMinute() == 0 ? Integer.MAX_VALUE : config.messagesPerMinute())
        : new SessionRegistry(Integer.MAX_VALUE, Integer.MAX_VALUE);
    this.threadOwners = new ThreadOwners(config.maxThreadOwners());
    this.delivery = config.buffer().enabled() ? new BufferedDelivery(config.buffer(), counters) : null;
    this.bypassKey = bypassKey.getBytes(StandardCharsets.UTF_8);
    this.slots = config.capacity().enabled()
        ? new AgentSlots(config.capacity(), System::nanoTime,
            (delayNanos, task) -> GlobalEventExecutor.INSTANCE.schedule(task, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS))
        : null;
  }

  /** Constant-time comparison, so the key cannot be guessed byte by byte from response times. */
  boolean bypassKeyMatches(String candidate) {
    return MessageDigest.isEqual(bypassKey, candidate.getBytes(StandardCharsets.UTF_8));
  }
}
