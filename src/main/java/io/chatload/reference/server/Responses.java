package io.chatload.reference.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON out: HTTP responses and WebSocket text frames, serialized once straight into a buffer. */
final class Responses {
  private Responses() {}

  static ByteBuf encode(ByteBufAllocator alloc, JsonNode node) {
    ByteBuf buf = alloc.buffer(512);
    try {
      Json.MAPPER.writeValue((java.io.OutputStream) new ByteBufOutputStream(buf), node);
      return buf;
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
  }

  static TextWebSocketFrame frame(ByteBufAllocator alloc, JsonNode node) {
    return new TextWebSocketFrame(encode(alloc, node));
  }

  static ObjectNode detail(String detail) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("detail", detail);
    return n;
  }

  static java.math.BigDecimal nowSeconds() {
    return io.chatload.reference.agent.UnixTime.now();
  }

  static ObjectNode errorMessage(String code, String message) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", MessageTypes.ERROR_MESSAGE);
    n.put("error_code", code);
    n.put("error_message", message);
    n.put("timestamp", nowSeconds());
    return n;
  }

  /** Writes a JSON response, keeping the connection if the client asked to. */
  static void sendJson(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, JsonNode body) {
    sendJson(ctx, status, body, HttpUtil.isKeepAlive(req));
  }

  static void sendJson(ChannelHandlerContext ctx, HttpResponseStatus status, JsonNode body, boolean keepAlive) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, encode(ctx.alloc(), body));
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
