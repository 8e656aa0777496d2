package io.chatload.reference.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Binds the pipeline on one loopback port with a small event-loop group (accept and I/O share
 * it) and tears everything down on {@link #close()}.
 */
public final class ReferenceServer implements AutoCloseable {
  private static final long SWEEP_SECONDS = 60;

  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final TargetServices services;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ReferenceServer(EventLoopGroup group, Channel serverChannel, TargetServices services) {
    this.group = group;
    this.serverChannel = serverChannel;
    this.services = services;
  }

  /** Binds and returns once the port is listening. */
  public static ReferenceServer bind(String host, int port, TargetServices services, SelfSignedTls tls) {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            services.config.ioThreads(), new DefaultThreadFactory("reference-target", true), NioIoHandler.newFactory());
    try {
      Channel ch =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 4096)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(new ReferenceServerInitializer(services, tls))
              .bind(host, port)
              .syncUninterruptibly()
              .channel();
      group.scheduleAtFixedRate(
          () -> services.sessions.sweep(System.currentTimeMillis()), SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
      if (services.delivery != null) {
        group.scheduleAtFixedRate(
            () -> services.delivery.sweep(System.currentTimeMillis()), SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
      }
      return new ReferenceServer(group, ch, services);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      throw new IllegalStateException("cannot bind the reference target on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Stops accepting, closes every socket (which cancels their runs), stops the event loops. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    serverChannel.close().syncUninterruptibly();
    services.allChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
