package io.chatload.reference.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.auth.AuthBypass;
import io.chatload.reference.auth.TokenIssuer;
import io.chatload.reference.dialect.WireDialect;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One socket's session: the dialect's auth refusal or welcome, keep-alive and ping answers,
 * message validation and limits, and the agent runs its messages start.
 */
public final class WebSocketSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final AtomicLong CONNECTIONS = new AtomicLong();
  /** The real backend's error code for a refused token on an accepted socket. */
  static final String AUTH_FAILED = "AUTH_FAILED";

  private final TargetServices s;
  private final List<RunTimeline> runs = new ArrayList<>(2);
  private TokenIssuer.Principal principal;
  private String connectionId;
  private boolean open;
  private ScheduledFuture<?> heartbeat;
  /** For keep-alives that report them: client messages read, and those that started a run. */
  private long messagesProcessed;
  private long agentEventsProcessed;

  public WebSocketSessionHandler(TargetServices services) {
    this.s = services;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      onOpen(ctx);
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  private void onOpen(ChannelHandlerContext ctx) {
    principal = ctx.channel().attr(WebSocketAuthHandler.PRINCIPAL).get();
    if (principal == null) {
      // the dialect accepts the upgrade and refuses on the socket, as the real bridge does
      s.counters.handshakeRefused();
      ctx.write(Responses.frame(ctx.alloc(), Responses.errorMessage(AUTH_FAILED,
          ctx.channel().attr(WebSocketAuthHandler.AUTH_FAILURE).get())));
      close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "Authentication failed");
      return;
    }
    if (!s.sessions.open(principal.userId(), ctx.channel())) {
      ctx.write(Responses.frame(ctx.alloc(), Responses.errorMessage(MessageTypes.TOO_MANY_CONNECTIONS,
          "Maximum of " + s.config.connectionsPerUser() + " connections per user reached")));
      close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "Too many connections");
      return;
    }
    open = true;
    s.counters.socketOpened();
    connectionId = "ws_conn_" + Long.toString(CONNECTIONS.incrementAndGet(), 36) + "_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    ObjectNode welcome = s.dialect.welcome(principal.userId(), connectionId, s.config);
    if (s.config.authBypass() != AuthBypass.OFF && welcome.get("data") instanceof ObjectNode data) {
      data.put("user_id", WireDialect.truncatedUserId(principal.userId())); // the beta-15+ welcome, whatever the dialect
    }
    ctx.writeAndFlush(Responses.frame(ctx.alloc(), welcome));
    if (s.delivery != null) {
      s.delivery.socketOpened(principal.userId(), ctx.channel()); // what was kept while the user was away, after the welcome
    }
    int hb = s.config.heartbeatSeconds();
    if (hb > 0) {
      heartbeat = ctx.executor().scheduleAtFixedRate(() -> sendHeartbeat(ctx), hb, hb, TimeUnit.SECONDS);
    }
  }

  private void sendHeartbeat(ChannelHandlerContext ctx) {
    WireDialect.SessionStats stats = new WireDialect.SessionStats(messagesProcessed, agentEventsProcessed);
    ctx.writeAndFlush(Responses.frame(ctx.alloc(), s.dialect.keepAlive(connectionId, stats)));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!open) {
      return;
    }
    if (!(frame instanceof TextWebSocketFrame text)) {
      reject(ctx, MessageTypes.INVALID_MESSAGE, "Only text frames with JSON messages are supported");
      return;
    }
    JsonNode msg;
    try {
      msg = Json.MAPPER.readTree(text.text());
    } catch (JsonProcessingException e) {
      reject(ctx, MessageTypes.INVALID_MESSAGE, "Message is not valid JSON");
      return;
    }
    if (msg == null || !msg.isObject()) {
      reject(ctx, MessageTypes.INVALID_MESSAGE, "Message must be a JSON object");
      return;
    }
    JsonNode type = msg.get("type");
    if (type == null || !type.isTextual() || type.textValue().isEmpty()) {
      reject(ctx, MessageTypes.INVALID_MESSAGE, "Message has no 'type'");
      return;
    }
    String t = type.textValue();
    if (messagesProcessed++ == 0 && s.planner.nextSocketChatBroken()) {
      breakChatPath(ctx);
      return;
    }
    switch (t) {
      case MessageTypes.PING -> ctx.writeAndFlush(Responses.frame(ctx.alloc(), s.dialect.pong(principal.userId())));
      case "heartbeat" -> heartbeatAck(ctx);
      case MessageTypes.PONG, "heartbeat_ack" -> { } // client keep-alives: nothing to do
      case MessageTypes.USER_MESSAGE, MessageTypes.START_AGENT, MessageTypes.CHAT, MessageTypes.MESSAGE,
          MessageTypes.RUN_AGENT, MessageTypes.AGENT_MESSAGE, MessageTypes.EXECUTE_AGENT ->
          onUserMessage(ctx, t, (ObjectNode) msg);
      default -> reject(ctx, MessageTypes.INVALID_MESSAGE, "Unknown message type '" + t + "'");
    }
  }

  private void onUserMessage(ChannelHandlerContext ctx, String type, ObjectNode msg) {
    if (!s.sessions.tryMessage(principal.userId(), System.currentTimeMillis())) {
      reject(ctx, MessageTypes.RATE_LIMITED,
          "Rate limit exceeded: at most " + s.config.messagesPerMinute() + " messages per minute");
      return;
    }
    JsonNode payload = msg.get("payload");
    boolean hasPayload = payload != null && payload.isObject();
    String content =
        type.equals(MessageTypes.START_AGENT)
            ? firstText(hasPayload ? payload.get("user_request") : null, hasPayload ? payload.get("content") : null, msg.get("user_request"))
            : isBridgeAgentType(type)
                ? firstText(msg.get("content"), msg.get("message"), hasPayload ? payload.get("content") : null)
                : firstText(hasPayload ? payload.get("content") : null, msg.get("content"), null);
    if (content == null) {
      reject(ctx, MessageTypes.INVALID_MESSAGE,
          type.equals(MessageTypes.START_AGENT) ? "Missing payload.user_request" : "Missing payload.content");
      return;
    }
    String threadId = s.dialect.makesThreads() ? null : firstText(hasPayload ? payload.get("thread_id") : null, msg.get("thread_id"), null);
    if (threadId == null) {
      threadId = "thread_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
    if (!s.threadOwners.claim(threadId, principal.userId())) {
      reject(ctx, MessageTypes.THREAD_ACCESS_DENIED, "Thread belongs to another user");
      return;
    }
    AgentRun run = s.planner.plan(principal.userId(), threadId, content, s.dialect.runIds());
    agentEventsProcessed++;
    s.counters.runStarted();
    RunTimeline.countInjected(s.counters, run);
    RunTimeline timeline = new RunTimeline(run, ctx, s, runs::remove);
    runs.add(timeline);
    timeline.startWhenAdmitted();
  }

  /** run_agent, agent_message, execute_agent: the bridge reads their content at the top level. */
  private static boolean isBridgeAgentType(String type) {
    return type.equals(MessageTypes.RUN_AGENT) || type.equals(MessageTypes.AGENT_MESSAGE) || type.equals(MessageTypes.EXECUTE_AGENT);
  }

  /**
   * Fault {@code chat-broken}: the exact frame beta-15 … beta-17 answer any first message with (the
   * main loop calls the router with an argument too many), then close 1011 "main mode error".
   */
  private void breakChatPath(ChannelHandlerContext ctx) {
    s.counters.faultInjected(FaultPlan.CHAT_BROKEN);
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", MessageTypes.ERROR_MESSAGE);
    ObjectNode d = n.putObject("data");
    d.put("error_code", MessageTypes.CONNECTION_ERROR);
    d.put("error_message", "Connection error in main mode");
    ObjectNode details = d.putObject("details");
    details.put("error_type", "TypeError");
    details.put("mode", "main");
    d.put("timestamp", io.chatload.reference.dialect.WireTime.isoNow());
    ctx.write(Responses.frame(ctx.alloc(), n));
    close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "main mode error");
  }

  private static String firstText(JsonNode a, JsonNode b, JsonNode c) {
    for (JsonNode n : new JsonNode[] {a, b, c}) {
      if (n != null && n.isTextual() && !n.textValue().isBlank()) {
        return n.textValue();
      }
    }
    return null;
  }

  private void heartbeatAck(ChannelHandlerContext ctx) {
    ObjectNode ack = s.dialect.heartbeatAck(connectionId);
    if (ack != null) {
      ctx.writeAndFlush(Responses.frame(ctx.alloc(), ack));
    }
  }

  private void reject(ChannelHandlerContext ctx, String code, String why) {
    ctx.writeAndFlush(Responses.frame(ctx.alloc(), Responses.errorMessage(code, why)));
  }

  private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    for (RunTimeline r : new ArrayList<>(runs)) {
      if (s.delivery != null) {
        r.socketGone(); // the agent runs on; its frames wait for the user's next socket
      } else {
        r.cancel();
      }
    }
    if (open) {
      open = false;
      if (s.delivery != null) {
        s.delivery.socketGone(principal.userId(), ctx.channel());
      }
      s.sessions.close(principal.userId(), ctx.channel());
      s.counters.socketClosed();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "Message too large");
    } else if (cause instanceof CorruptedWebSocketFrameException) {
      ctx.close(); // the frame decoder already sent the close frame with its status
    } else {
      ctx.close();
    }
  }
}
