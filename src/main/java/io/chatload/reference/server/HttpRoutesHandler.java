package io.chatload.reference.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.JwtTokens;
import io.chatload.contract.Json;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.TargetCounters;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.auth.TokenIssuer;
import io.chatload.reference.auth.UserDirectory;
import io.chatload.reference.capacity.CapacityHealth;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plain HTTP endpoints: {@code POST /auth/login}, {@code GET|POST /auth/validate}, {@code
 * POST /auth/e2e/test-auth}, {@code POST /auth/refresh}, {@code GET /health} (shaped by the
 * dialect), {@code /health/ready}, {@code /health/details}; anything else is a JSON 404. Requests for
 * {@code /ws} are handed on to the WebSocket steps.
 */
@ChannelHandler.Sharable
public final class HttpRoutesHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  public static final String WS_PATH = "/ws";
  static final String BYPASS_HEADER = "X-E2E-Bypass-Key";

  private record Reply(HttpResponseStatus status, JsonNode body) {}

  private final TargetServices s;

  public HttpRoutesHandler(TargetServices services) {
    super(false);
    this.s = services;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String path = new QueryStringDecoder(req.uri()).path();
    if (path.equals(WS_PATH)) {
      ctx.fireChannelRead(req);
      return;
    }
    try {
      Reply reply = route(req, path);
      Responses.sendJson(ctx, req, reply.status(), reply.body());
    } finally {
      req.release();
    }
  }

  private Reply route(FullHttpRequest req, String path) {
    if (!req.decoderResult().isSuccess()) {
      return new Reply(HttpResponseStatus.BAD_REQUEST, Responses.detail("Malformed HTTP request"));
    }
    HttpMethod m = req.method();
    switch (path) {
      case "/auth/login":
        return m.equals(HttpMethod.POST) ? login(req) : notAllowed();
      case "/auth/validate":
        return m.equals(HttpMethod.GET) || m.equals(HttpMethod.POST) ? validate(req) : notAllowed();
      case "/auth/e2e/test-auth":
        return m.equals(HttpMethod.POST) ? testAuth(req) : notAllowed();
      case "/auth/refresh":
        return m.equals(HttpMethod.POST) ? refresh(req) : notAllowed();
      case "/health":
      case "/auth/health":
        return m.equals(HttpMethod.GET) ? (s.dialect.bareHealth() ? status("ok") : health()) : notAllowed();
      case "/health/ready":
        return m.equals(HttpMethod.GET) ? status("ready") : notAllowed();
      case "/health/details":
        return m.equals(HttpMethod.GET) ? health() : notAllowed();
      default:
        return new Reply(HttpResponseStatus.NOT_FOUND, Responses.detail("Not Found"));
    }
  }

  private Reply login(FullHttpRequest req) {
    Object body = jsonObject(req);
    if (body instanceof Reply r) {
      return r;
    }
    ObjectNode json = (ObjectNode) body;
    Optional<String> email = text(json, "email");
    Optional<String> password = text(json, "password");
    if (email.isEmpty() || password.isEmpty()) {
      return unprocessable("fields 'email' and 'password' (strings) are required");
    }
    if (loginFailureInjected()) {
      return serviceUnavailable();
    }
    Optional<UserDirectory.User> user = s.users.authenticate(email.get(), password.get());
    if (user.isEmpty()) {
      return new Reply(HttpResponseStatus.UNAUTHORIZED, Responses.detail("Invalid credentials"));
    }
    s.counters.login(user.get().id());
    return new Reply(HttpResponseStatus.OK, tokenBody(user.get().id(), user.get().email(), null, JwtTokens.DEFAULT_PERMISSIONS));
  }

  private Reply validate(FullHttpRequest req) {
    String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    Optional<TokenIssuer.Principal> p =
        auth != null && auth.startsWith("Bearer ") ? s.tokens.verify(auth.substring(7).strip()) : Optional.empty();
    if (p.isEmpty()) {
      return new Reply(HttpResponseStatus.UNAUTHORIZED, Responses.detail("Invalid or expired token"));
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("valid", true);
    n.put("user_id", p.get().userId());
    n.put("email", p.get().email());
    ObjectNode user = n.putObject("user");
    user.put("id", p.get().userId());
    user.put("email", p.get().email());
    return new Reply(HttpResponseStatus.OK, n);
  }

  private Reply testAuth(FullHttpRequest req) {
    String key = req.headers().get(BYPASS_HEADER);
    if (key == null || key.isEmpty()) {
      return new Reply(HttpResponseStatus.UNAUTHORIZED, Responses.detail("Missing " + BYPASS_HEADER + " header"));
    }
    if (!s.bypassKeyMatches(key)) {
      return new Reply(HttpResponseStatus.FORBIDDEN, Responses.detail("Invalid E2E bypass key"));
    }
    Object body = jsonObject(req);
    if (body instanceof Reply r) {
      return r;
    }
    ObjectNode json = (ObjectNode) body;
    Optional<String> email = text(json, "email");
    if (email.isEmpty()) {
      return unprocessable("field 'email' (string) is required");
    }
    List<String> permissions = new ArrayList<>();
    JsonNode perms = json.get("permissions");
    if (perms != null && !perms.isNull()) {
      if (!perms.isArray()) {
        return unprocessable("field 'permissions' must be an array of strings");
      }
      for (JsonNode p : perms) {
        if (!p.isTextual()) {
          return unprocessable("field 'permissions' must be an array of strings");
        }
        permissions.add(p.textValue());
      }
    }
    if (loginFailureInjected()) {
      return serviceUnavailable();
    }
    s.counters.login(UserDirectory.idFor(email.get()));
    String name = text(json, "name").orElse(null);
    return new Reply(
        HttpResponseStatus.OK,
        tokenBody(UserDirectory.idFor(email.get()), email.get().strip(), name,
            permissions.isEmpty() ? JwtTokens.DEFAULT_PERMISSIONS : permissions));
  }

  /**
   * {@code POST /auth/refresh}: a new token pair for a valid refresh token; anything else (no
   * body, not JSON, access token, expired, bad signature, the {@code refresh-fail} fault) is the
   * real service's 401.
   */
  private Reply refresh(FullHttpRequest req) {
    Reply refused = new Reply(HttpResponseStatus.UNAUTHORIZED, Responses.detail("Invalid refresh token"));
    Object body = jsonObject(req);
    if (body instanceof Reply) {
      return refused;
    }
    Optional<String> token = text((ObjectNode) body, "refresh_token");
    if (token.isEmpty()) {
      return refused;
    }
    Optional<TokenIssuer.Tokens> fresh = s.tokens.refresh(token.get().strip());
    if (fresh.isEmpty()) {
      return refused;
    }
    if (s.planner.nextRefreshFails()) {
      s.counters.faultInjected(FaultPlan.REFRESH_FAIL);
      return refused;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("access_token", fresh.get().access());
    n.put("refresh_token", fresh.get().refresh());
    n.put("token_type", "Bearer");
    n.put("expires_in", s.tokens.accessTtlSeconds());
    return new Reply(HttpResponseStatus.OK, n);
  }

  /** The real platform's bare health answers ({@code {"status":"ok"}}, {@code {"status":"ready"}}). */
  private static Reply status(String status) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("status", status);
    return new Reply(HttpResponseStatus.OK, n);
  }

  private Reply health() {
    TargetCounters c = s.counters;
    ReferenceConfig cfg = s.config;
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("status", "healthy");
    n.put("service", "chat-platform-reference-target");
    n.put("timestamp", Responses.nowSeconds());
    ObjectNode counters = n.putObject("counters");
    counters.put("socketsOpen", c.socketsOpen());
    counters.put("runsInFlight", c.runsInFlight());
    counters.put("runsStarted", c.runsStarted());
    counters.put("runsCompleted", c.runsCompleted());
    counters.put("eventsSent", c.eventsSent());
    counters.put("logins", c.logins());
    counters.put("usersLoggedIn", c.usersLoggedIn());
    counters.put("repeatLogins", c.repeatLogins());
    counters.put("handshakesRefused", c.handshakesRefused());
    ObjectNode faults = counters.putObject("faultsInjected");
    c.faultsInjected().forEach(faults::put);
    if (s.delivery != null) {
      ObjectNode buffered = counters.putObject("buffer");
      buffered.put("held", s.delivery.buffer().held());
      for (TargetCounters.Buffered b : TargetCounters.Buffered.values()) {
        buffered.put(b.healthName, c.buffered(b));
      }
    }
    ObjectNode config = n.putObject("config");
    config.put("dialect", cfg.dialect().wireName());
    config.put("tokenTtl", cfg.tokenTtlSeconds());
    config.put("latencyScale", cfg.latencyScale());
    config.put("latency", cfg.latency());
    config.put("faults", cfg.faults());
    if (cfg.seed() == null) {
      config.putNull("seed");
    } else {
      config.put("seed", cfg.seed());
    }
    config.put("usersFromCsv", s.users.csvUsers());
    ObjectNode limits = config.putObject("limits");
    limits.put("maxMessageBytes", cfg.maxMessageBytes());
    limits.put("messagesPerMinute", cfg.messagesPerMinute());
    limits.put("connectionsPerUser", cfg.connectionsPerUser());
    limits.put("heartbeatSeconds", cfg.heartbeatSeconds());
    limits.put("maxThreadOwners", cfg.maxThreadOwners());
    ObjectNode buffer = config.putObject("buffer");
    buffer.put("enabled", cfg.buffer().enabled());
    buffer.put("perUser", cfg.buffer().perUser());
    buffer.put("global", cfg.buffer().global());
    buffer.put("seconds", cfg.buffer().seconds());
    if (s.slots != null) {
      CapacityHealth.addTo(n, s.slots);
    }
    return new Reply(HttpResponseStatus.OK, n);
  }

  private boolean loginFailureInjected() {
    if (s.planner.nextLoginFails()) {
      s.counters.faultInjected(FaultPlan.LOGIN_FAIL);
      return true;
    }
    return false;
  }

  private ObjectNode tokenBody(String userId, String email, String name, List<String> permissions) {
    TokenIssuer.Tokens t = s.tokens.issue(userId, email, permissions);
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("access_token", t.access());
    n.put("refresh_token", t.refresh());
    n.put("token_type", "Bearer");
    n.put("expires_in", s.tokens.accessTtlSeconds());
    ObjectNode user = n.putObject("user");
    user.put("id", userId);
    user.put("email", email);
    if (name != null) {
      user.put("name", name);
    }
    ArrayNode perms = user.putArray("permissions");
    permissions.forEach(perms::add);
    return n;
  }

  /** The body as a JSON object, or the 400 reply saying why not. */
  private static Object jsonObject(FullHttpRequest req) {
    if (!req.content().isReadable()) {
      return new Reply(HttpResponseStatus.BAD_REQUEST, Responses.detail("Request body is required (JSON object)"));
    }
    try {
      JsonNode n = Json.MAPPER.readTree((java.io.InputStream) new ByteBufInputStream(req.content()));
      if (n == null || !n.isObject()) {
        return new Reply(HttpResponseStatus.BAD_REQUEST, Responses.detail("Request body must be a JSON object"));
      }
      return n;
    } catch (IOException e) {
      return new Reply(HttpResponseStatus.BAD_REQUEST, Responses.detail("Request body is not valid JSON"));
    }
  }

  private static Optional<String> text(ObjectNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() && !v.textValue().isBlank() ? Optional.of(v.textValue()) : Optional.empty();
  }

  private static Reply unprocessable(String why) {
    return new Reply(HttpResponseStatus.UNPROCESSABLE_ENTITY, Responses.detail(why));
  }

  private static Reply notAllowed() {
    return new Reply(HttpResponseStatus.METHOD_NOT_ALLOWED, Responses.detail("Method Not Allowed"));
  }

  private static Reply serviceUnavailable() {
    return new Reply(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        Responses.detail("Auth service temporarily unavailable, retry later (injected login-fail)"));
  }
}
