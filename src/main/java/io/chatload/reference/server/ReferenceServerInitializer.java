package io.chatload.reference.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The pipeline of one accepted connection. */
public final class ReferenceServerInitializer extends ChannelInitializer<SocketChannel> {
  private static final int MAX_HTTP_BODY = 64 * 1024;

  private final TargetServices services;
  private final HttpRoutesHandler routes;
  private final WebSocketAuthHandler wsAuth;
  private final WebSocketServerProtocolConfig wsConfig;
  private final SelfSignedTls tls;

  /** @param tls null for plain http/ws */
  public ReferenceServerInitializer(TargetServices services, SelfSignedTls tls) {
    this.services = services;
    this.tls = tls;
    this.routes = new HttpRoutesHandler(services);
    this.wsAuth = new WebSocketAuthHandler(services);
    this.wsConfig =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(HttpRoutesHandler.WS_PATH)
            .checkStartsWith(true)
            // "*" selects whatever single entry WebSocketAuthHandler left in the request: the
            // dialects that echo the exact jwt.<token> entry need that
            .subprotocols(services.dialect.echoesTokenSubprotocol()
                ? "*" : String.join(",", WebSocketAuthHandler.BARE_PROTOCOLS))
            .handleCloseFrames(true)
            .decoderConfig(
                WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(services.config.maxMessageBytes())
                    .allowExtensions(false)
                    .closeOnProtocolViolation(true)
                    .build())
            .build();
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    services.allChannels.add(ch);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.serverContext().newHandler(ch.alloc()));
    }
    p.addLast("http", new HttpServerCodec());
    p.addLast("aggregator", new HttpObjectAggregator(MAX_HTTP_BODY));
    p.addLast("routes", routes); // /auth/*, /health; passes /ws on
    p.addLast("ws-auth", wsAuth); // 403 before any upgrade
    p.addLast("ws-protocol", new WebSocketServerProtocolHandler(wsConfig)); // handshake, close, ping
    p.addLast("ws-aggregator", new WebSocketFrameAggregator(services.config.maxMessageBytes()));
    p.addLast("ws-session", new WebSocketSessionHandler(services));
  }
}
