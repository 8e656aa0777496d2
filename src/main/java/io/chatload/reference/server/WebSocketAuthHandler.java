package io.chatload.reference.server;

import io.chatload.reference.auth.TokenIssuer;
import io.chatload.reference.dialect.WireDialect;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the {@code /ws} upgrade request before any upgrade happens: the token comes from
 * {@code Authorization: Bearer}, else from a {@code jwt.}, {@code jwt-auth.} or {@code bearer.}
 * subprotocol entry (base64url or raw). Refused → HTTP 403, or, in dialects that refuse on the
 * socket, the reason is stored on the channel and the upgrade goes on. Accepted → the principal is
 * stored on the channel, token-bearing subprotocol entries are removed from the request (so they
 * are never echoed nor logged by the handshaker) unless the dialect echoes the token entry, and the
 * request goes on to Netty's handshaker.
 *
 * <p>Subprotocol selection follows the real backend (token in {@code jwt.}/{@code jwt-auth.} →
 * {@code jwt-auth}, in {@code bearer.} → {@code bearer}) but only when the client also offered
 * that bare name; otherwise the first bare {@code jwt-auth}/{@code bearer}/{@code jwt} it offered;
 * otherwise none (RFC 6455: the server may only select a protocol the client offered).
 */
@ChannelHandler.Sharable
public final class WebSocketAuthHandler extends ChannelInboundHandlerAdapter {
  public static final AttributeKey<TokenIssuer.Principal> PRINCIPAL = AttributeKey.valueOf("chatload.principal");
  /** Why the token was refused, when the dialect refuses on the socket rather than at the handshake. */
  public static final AttributeKey<String> AUTH_FAILURE = AttributeKey.valueOf("chatload.authFailure");
  static final List<String> BARE_PROTOCOLS = List.of("jwt-auth", "bearer", "jwt");

  private final TargetServices s;

  public WebSocketAuthHandler(TargetServices services) {
    this.s = services;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req)) {
      ctx.fireChannelRead(msg);
      return;
    }
    HttpHeaders h = req.headers();
    if (!req.method().equals(HttpMethod.GET) || !h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      Responses.sendJson(ctx, req, HttpResponseStatus.BAD_REQUEST, Responses.detail("WebSocket upgrade required"));
      req.release();
      return;
    }
    List<String> offered = offeredProtocols(h);
    String token = bearer(h.get(HttpHeaderNames.AUTHORIZATION));
    String tokenProtocol = null;
    String tokenEntry = null;
    for (String p : offered) {
      String t = tokenIn(p);
      if (t != null) {
        tokenEntry = p;
        if (token == null) {
          token = t;
          tokenProtocol = p.startsWith("bearer.") ? "bearer" : "jwt-auth";
        }
        break;
      }
    }
    // demo mode and emergency auth let every socket in as their own user, the token unchecked
    Optional<TokenIssuer.Principal> principal = s.config.authBypass().principal(System.currentTimeMillis());
    if (principal.isEmpty() && token != null) {
      principal = s.tokens.verify(token);
    }
    String refusal = token == null ? "Authentication required: no token" : "Authentication failed: invalid or expired token";
    if (principal.isEmpty()) {
      if (s.dialect.authRefusal() == WireDialect.AuthRefusal.HANDSHAKE_403) {
        s.counters.handshakeRefused();
        Responses.sendJson(ctx, HttpResponseStatus.FORBIDDEN, Responses.detail(refusal), false);
        req.release();
        return;
      }
      // accepted, then refused on the socket by WebSocketSessionHandler (AUTH_FAILED + 1008)
      ctx.channel().attr(AUTH_FAILURE).set(refusal);
    } else {
      ctx.channel().attr(PRINCIPAL).set(principal.get());
    }
    String selected = s.dialect.echoesTokenSubprotocol() && tokenEntry != null
        ? tokenEntry
        : select(offered, tokenProtocol);
    if (selected == null) {
      h.remove(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
    } else {
      h.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, selected);
    }
    ctx.pipeline().remove(HttpRoutesHandler.class);
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(req);
  }

  private static List<String> offeredProtocols(HttpHeaders h) {
    List<String> out = new ArrayList<>(2);
    for (String header : h.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
      for (String p : header.split(",")) {
        String t = p.strip();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  static String select(List<String> offered, String preferred) {
    if (preferred != null && offered.contains(preferred)) {
      return preferred;
    }
    for (String p : offered) {
      if (BARE_PROTOCOLS.contains(p)) {
        return p;
      }
    }
    return null;
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    String t = authorization.substring(7).strip();
    return t.isEmpty() ? null : t;
  }

  /** The JWT carried by a {@code jwt.}/{@code jwt-auth.}/{@code bearer.} entry, or null. */
  static String tokenIn(String protocol) {
    String encoded;
    if (protocol.startsWith("jwt-auth.")) {
      encoded = protocol.substring(9);
    } else if (protocol.startsWith("jwt.")) {
      encoded = protocol.substring(4);
    } else if (protocol.startsWith("bearer.")) {
      encoded = protocol.substring(7);
    } else {
      return null;
    }
    if (encoded.length() < 10) {
      return null;
    }
    if (encoded.indexOf('.') < 0) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        return looksLikeJwt(decoded) ? decoded : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return looksLikeJwt(encoded) ? encoded : null;
  }

  private static boolean looksLikeJwt(String t) {
    int first = t.indexOf('.');
    int second = first < 0 ? -1 : t.indexOf('.', first + 1);
    return first > 0 && second > first + 1 && second < t.length() - 1 && t.indexOf('.', second + 1) < 0;
  }
}
