package io.chatload.bench;

import io.chatload.contract.JwtTokens;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many agent events per second the reference target delivers on this machine with
 * latencyScale=0: N sockets of distinct users connect first; then each keeps one message in
 * flight (the next is sent when agent_completed arrives); events are counted client-side, after a
 * 2 s warm-up; the median of 3 rounds is reported. Client and target share the machine's cores.
 *
 * <pre>./mvnw -q test-compile exec:java@target-throughput-bench [-Dbench.sockets=2000]
 *     [-Dbench.seconds=20] [-Dbench.rounds=3] [-Dbench.clientThreads=2] [-Dreference.ioThreads=2]</pre>
 *
 * Loopback only; bounded in sockets (≤ 10,000) and time (≤ 120 s per round).
 */
public final class TargetThroughputBenchmark {
  private static final byte[] COMPLETED_PREFIX = "{\"type\":\"agent_completed\"".getBytes(StandardCharsets.US_ASCII);

  private final AtomicLong events = new AtomicLong();
  private final AtomicLong runs = new AtomicLong();
  private volatile boolean sending = true;
  private final List<ClosedLoopUser> users = java.util.Collections.synchronizedList(new ArrayList<>());

  public static void main(String[] args) throws Exception {
    int sockets = bounded("bench.sockets", 2000, 1, 10_000);
    int seconds = bounded("bench.seconds", 20, 1, 120);
    int rounds = bounded("bench.rounds", 3, 1, 10);
    int clientThreads = bounded("bench.clientThreads", 2, 1, 16);
    int ioThreads = bounded("reference.ioThreads", 2, 1, 16);
    new TargetThroughputBenchmark().run(sockets, seconds, rounds, clientThreads, ioThreads);
    System.exit(0);
  }

  private void run(int sockets, int seconds, int rounds, int clientThreads, int ioThreads) throws Exception {
    ReferenceConfig cfg = ReferenceConfig.defaults().withLatencyScale(0).withHeartbeatSeconds(0)
        .withMessagesPerMinute(1_000_000).withConnectionsPerUser(10).withIoThreads(ioThreads);
    System.out.printf("Target throughput: %d sockets, %d rounds of %d s, target ioThreads=%d, client threads=%d, %d cores%n",
        sockets, rounds, seconds, ioThreads, clientThreads, Runtime.getRuntime().availableProcessors());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(clientThreads, new DefaultThreadFactory("bench-client", true), NioIoHandler.newFactory());
    try (ReferenceTarget target = ReferenceTarget.start(cfg)) {
      JwtTokens tokens = new JwtTokens(target.jwtSecret());
      URI ws = target.wsUrl();
      CountDownLatch ready = new CountDownLatch(sockets);
      List<Channel> channels = new ArrayList<>(sockets);
      long t0 = System.nanoTime();
      for (int i = 0; i < sockets; i++) {
        String user = "bench-" + (i + 1);
        String token = tokens.mintAccess(user, user + "@example.com", Instant.now());
        io.netty.channel.ChannelFuture f = connect(group, ws, token, "bench-thread-" + (i + 1), ready);
        f.addListener(x -> { if (!x.isSuccess()) System.err.println("connect failed: " + x.cause()); });
        channels.add(f.channel());
        if (i % 200 == 199) {
          Thread.sleep(20); // keep the accept backlog comfortable
        }
      }
      if (!ready.await(60, TimeUnit.SECONDS)) {
        long active = channels.stream().filter(Channel::isActive).count();
        throw new IllegalStateException(ready.getCount() + " sockets did not get the welcome; active=" + active
            + ", target socketsOpen=" + target.counters().socketsOpen() + ", refused=" + target.counters().handshakesRefused());
      }
      System.out.printf("  %d sockets connected in %d ms%n", sockets, (System.nanoTime() - t0) / 1_000_000);
      for (ClosedLoopUser u : users) {
        u.ctx.executor().execute(() -> u.send(u.ctx)); // all connected: every user sends its first message
      }
      Thread.sleep(2000); // warm-up
      double[] perSecond = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long e0 = events.get();
        long r0 = runs.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        perSecond[r] = (events.get() - e0) / elapsed;
        System.out.printf("  round %d: %,.0f events/s, %,.0f runs/s%n", r + 1, perSecond[r], (runs.get() - r0) / elapsed);
      }
      sending = false;
      double[] sorted = perSecond.clone();
      Arrays.sort(sorted);
      System.out.printf("Median of %d rounds: %,.0f events/s to %d sockets (target counted %,d events sent)%n",
          rounds, sorted[rounds / 2], sockets, target.counters().eventsSent());
      for (Channel c : channels) {
        c.close();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private io.netty.channel.ChannelFuture connect(EventLoopGroup group, URI ws, String token, String threadId, CountDownLatch ready) {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Authorization", "Bearer " + token);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(ws).customHeaders(headers).maxFramePayloadLength(65536).handleCloseFrames(true).build();
    String message = "{\"type\":\"user_message\",\"payload\":{\"content\":\"Why did our LLM spend go up 40% last week?\",\"thread_id\":\""
        + threadId + "\"}}";
    return new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                new WebSocketClientProtocolHandler(config), new ClosedLoopUser(message, ready));
          }
        })
        .connect(ws.getHost(), ws.getPort());
  }

  /** One simulated user: sends a message after the welcome and after each agent_completed. */
  private final class ClosedLoopUser extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final String message;
    private final CountDownLatch ready;
    private boolean welcomed;
    private ChannelHandlerContext ctx;

    ClosedLoopUser(String message, CountDownLatch ready) {
      this.message = message;
      this.ready = ready;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      if (!welcomed) {
        welcomed = true;
        this.ctx = ctx;
        users.add(this);
        ready.countDown();
        return;
      }
      events.incrementAndGet();
      ByteBuf c = frame.content();
      if (c.readableBytes() >= COMPLETED_PREFIX.length
          && ByteBufUtil.equals(c, c.readerIndex(), Unpooled.wrappedBuffer(COMPLETED_PREFIX), 0, COMPLETED_PREFIX.length)) {
        runs.incrementAndGet();
        send(ctx);
      }
    }

    private void send(ChannelHandlerContext ctx) {
      if (sending) {
        ctx.writeAndFlush(new TextWebSocketFrame(message));
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        System.err.println("client handshake timed out");
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      System.err.println("client socket failed: " + cause);
      ctx.close();
    }
  }

  private static int bounded(String name, int dflt, int min, int max) {
    int v = Integer.getInteger(name, dflt);
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + "=" + v + " is invalid; accepted: " + min + " to " + max);
    }
    return v;
  }
}
