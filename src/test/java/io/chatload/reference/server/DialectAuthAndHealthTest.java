package io.chatload.reference.server;

import static io.chatload.reference.TestClient.get;
import static io.chatload.reference.TestClient.json;
import static io.chatload.reference.TestClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per dialect: how a bad or expired token is refused, which subprotocol is echoed, the health bodies, the token lifetime. */
class DialectAuthAndHealthTest {

  private static ReferenceTarget start(Dialect d) {
    return ReferenceTarget.start(TestClient.fast().withDialect(d));
  }

  private static boolean refusesAtHandshake(Dialect d) {
    return d == Dialect.CONTRACT || d == Dialect.PAYLOAD || d == Dialect.CAPTURE;
  }

  /** The refusal a client sees: 403 at the handshake, or AUTH_FAILED then 1008 on an accepted socket. */
  private static void assertRefused(ReferenceTarget t, Dialect d, List<String> headers) throws Exception {
    if (refusesAtHandshake(d)) {
      assertEquals(403, TestClient.refusedStatus(t, headers, List.of()));
      return;
    }
    Ws ws = TestClient.connect(t, headers, List.of());
    JsonNode error = ws.next();
    assertEquals("error_message", error.path("type").asText(), error.toString());
    assertEquals("AUTH_FAILED", error.path("error_code").asText());
    assertTrue(!error.path("error_message").asText().isEmpty());
    assertEquals(1008, ws.awaitClose());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void noOrBadTokenIsRefusedTheDialectsWay(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d)) {
      assertRefused(t, d, List.of());
      assertRefused(t, d, List.of("Authorization", "Bearer not.a-valid.jwt"));
      assertRefused(t, d, List.of("Authorization", "Bearer " + TestClient.mint(t, "u1") + "x"));
      assertEquals(3, t.counters().handshakesRefused());
      assertEquals(0, t.counters().socketsOpen());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"BRIDGE", "FLAT"})
  void bridgeEchoesTheExactTokenEntry(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d)) {
      String entry = "jwt." + TestClient.b64url(TestClient.mint(t, "u1"));
      Ws ws = TestClient.connectSubprotocols(t, entry, "jwt-auth");
      assertEquals(entry, ws.socket.getSubprotocol());
      assertEquals("connection_established", ws.next().path("type").asText());
      ws.close();
      Ws bare = TestClient.connect(t, List.of("Authorization", "Bearer " + TestClient.mint(t, "u2")), List.of("jwt-auth"));
      assertEquals("jwt-auth", bare.socket.getSubprotocol());
      bare.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"CONTRACT", "PAYLOAD", "CAPTURE"})
  void contractSelectsTheBareName(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d)) {
      Ws ws = TestClient.connectSubprotocols(t, "jwt." + TestClient.b64url(TestClient.mint(t, "u1")), "jwt-auth");
      assertEquals("jwt-auth", ws.socket.getSubprotocol());
      ws.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void healthBodies(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d)) {
      HttpResponse<String> h = get(t.backendUrl().resolve("/health"));
      assertEquals(200, h.statusCode());
      if (refusesAtHandshake(d)) {
        assertEquals("healthy", json(h.body()).path("status").asText());
        assertTrue(json(h.body()).path("counters").isObject());
      } else {
        assertEquals("{\"status\":\"ok\"}", h.body());
      }
      assertEquals("{\"status\":\"ready\"}", get(t.backendUrl().resolve("/health/ready")).body());
      JsonNode details = json(get(t.backendUrl().resolve("/health/details")).body());
      assertTrue(details.path("counters").has("eventsSent"), details.toString());
      assertEquals(d.wireName(), details.path("config").path("dialect").asText());
    }
  }

  @Test
  void limitsAreNotEnforcedInBridge() throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withDialect(Dialect.BRIDGE)
        .withConnectionsPerUser(1).withMessagesPerMinute(1))) {
      String token = TestClient.mint(t, "u1");
      Ws a = TestClient.connect(t, token);
      Ws b = TestClient.connect(t, token);
      a.next();
      assertEquals("connection_established", b.next().path("type").asText());
      for (int i = 0; i < 3; i++) {
        b.send(TestClient.userMessage("again " + i, "t-limit"));
        assertEquals("agent_started", b.next().path("type").asText());
        b.untilRunEnds();
      }
      a.close();
      b.close();
    }
  }

  /** Tokens issued with tokenTtl=1 say so, and after ~2 s are refused on /ws; an open socket stays open. */
  @Test
  void expiredTokensAreRefusedButOpenSocketsStay() throws Exception {
    List<ReferenceTarget> targets = List.of(
        ReferenceTarget.start(TestClient.fast().withTokenTtlSeconds(1).withBypassKey("k")),
        ReferenceTarget.start(TestClient.fast().withTokenTtlSeconds(1).withBypassKey("k").withDialect(Dialect.BRIDGE)));
    try {
      String[] tokens = new String[2];
      Ws[] open = new Ws[2];
      for (int i = 0; i < 2; i++) {
        ReferenceTarget t = targets.get(i);
        JsonNode login = json(post(t.authUrl().resolve("/auth/login"),
            "{\"email\":\"loadtest-3@example.com\",\"password\":\"loadtest-password\"}").body());
        assertEquals(1, login.path("expires_in").asInt());
        JsonNode testAuth = json(post(t.authUrl().resolve("/auth/e2e/test-auth"), "{\"email\":\"e2e@example.com\"}",
            "X-E2E-Bypass-Key", "k").body());
        assertEquals(1, testAuth.path("expires_in").asInt());
        JsonNode refreshed = json(TokenRefreshTest.refresh(t, "{\"refresh_token\":\"" + login.path("refresh_token").asText() + "\"}").body());
        assertEquals(1, refreshed.path("expires_in").asInt());
        tokens[i] = login.path("access_token").asText();
        open[i] = TestClient.connect(t, tokens[i]);
        open[i].next(); // welcome
      }
      Thread.sleep(2_600); // 1 s lifetime + the verifier's 1 s leeway + second rounding
      assertRefused(targets.get(0), Dialect.CONTRACT, List.of("Authorization", "Bearer " + tokens[0]));
      assertRefused(targets.get(1), Dialect.BRIDGE, List.of("Authorization", "Bearer " + tokens[1]));
      assertEquals(401, get(targets.get(0).authUrl().resolve("/auth/validate"), "Authorization", "Bearer " + tokens[0]).statusCode());
      for (Ws ws : open) {
        ws.send("{\"type\":\"ping\"}");
        assertEquals("pong", ws.next().path("type").asText());
        ws.close();
      }
    } finally {
      targets.forEach(ReferenceTarget::close);
    }
  }
}
