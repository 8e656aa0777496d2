package io.chatload.reference.server;

import static io.chatload.reference.TestClient.b64url;
import static io.chatload.reference.TestClient.refusedStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.JwtTokens;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {
  static ReferenceTarget target;

  @BeforeAll
  static void start() {
    target = ReferenceTarget.start(TestClient.fast().withConnectionsPerUser(50));
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static int refusedWithHeader(String token) {
    return refusedStatus(target, List.of("Authorization", "Bearer " + token), List.of());
  }

  @Test
  void missingTokenIs403() {
    assertEquals(403, refusedStatus(target, List.of(), List.of()));
    assertEquals(403, refusedStatus(target, List.of(), List.of("jwt-auth")));
  }

  @Test
  void badSignatureIs403() {
    assertEquals(403, refusedWithHeader(new JwtTokens("not-the-secret").mintAccess("u1", "u1@x", Instant.now())));
  }

  @Test
  void expiredTokenIs403() {
    String t = new JwtTokens(target.jwtSecret())
        .mint("u1", "u1@x", JwtTokens.ACCESS, Instant.now().minusSeconds(3600), Duration.ofSeconds(60));
    assertEquals(403, refusedWithHeader(t));
  }

  @Test
  void algNoneIs403() {
    String header = b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    long exp = Instant.now().plusSeconds(600).getEpochSecond();
    String payload = b64url("{\"sub\":\"u1\",\"type\":\"access\",\"iss\":\"netra-auth-service\",\"exp\":" + exp + "}");
    assertEquals(403, refusedWithHeader(header + "." + payload + "."));
  }

  @Test
  void otherAlgorithmIs403() {
    String t = JWT.create().withSubject("u1").withClaim("type", "access").withIssuer(JwtTokens.ISSUER)
        .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC384(target.jwtSecret()));
    assertEquals(403, refusedWithHeader(t));
  }

  @Test
  void wrongIssuerIs403() {
    String t = JWT.create().withSubject("u1").withClaim("type", "access").withIssuer("someone-else")
        .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(target.jwtSecret()));
    assertEquals(403, refusedWithHeader(t));
  }

  @Test
  void refreshTokenIs403() {
    String t = new JwtTokens(target.jwtSecret())
        .mint("u1", "u1@x", JwtTokens.REFRESH, Instant.now(), Duration.ofHours(1));
    assertEquals(403, refusedWithHeader(t));
    assertTrue(target.counters().handshakesRefused() > 0);
  }

  @Test
  void headerAuthGetsTheContractWelcome() throws Exception {
    Ws ws = TestClient.connect(target, TestClient.mint(target, "loadtest-11"));
    JsonNode w = ws.welcome();
    assertEquals("system_message", w.path("type").asText());
    JsonNode d = w.path("data");
    assertEquals("connection_established", d.path("event").asText());
    assertTrue(d.path("connection_ready").asBoolean());
    assertTrue(d.path("connection_id").asText().startsWith("ws_conn_"));
    assertEquals("loadtest-11", d.path("user_id").asText());
    assertTrue(d.path("server_time").isNumber());
    double ts = w.path("timestamp").asDouble();
    assertTrue(Math.abs(ts - System.currentTimeMillis() / 1000.0) < 5, "timestamp is unix seconds: " + ts);
    assertEquals("", ws.socket.getSubprotocol());
    ws.close();
  }

  @Test
  void jwtSubprotocolBase64urlWithBareJwtAuthSelectsJwtAuth() throws Exception {
    String token = TestClient.mint(target, "loadtest-12");
    Ws ws = TestClient.connectSubprotocols(target, "jwt." + b64url(token), "jwt-auth");
    assertEquals("jwt-auth", ws.socket.getSubprotocol());
    assertEquals("loadtest-12", ws.welcome().path("data").path("user_id").asText());
    ws.close();
  }

  @Test
  void eachSubprotocolFormInBase64urlAndRaw() throws Exception {
    int n = 20;
    for (String prefix : List.of("jwt.", "jwt-auth.", "bearer.")) {
      for (boolean encoded : List.of(true, false)) {
        String user = "loadtest-" + (n++);
        String token = TestClient.mint(target, user);
        String bare = prefix.equals("bearer.") ? "bearer" : "jwt-auth";
        Ws ws = TestClient.connectSubprotocols(target, prefix + (encoded ? b64url(token) : token), bare);
        assertEquals(bare, ws.socket.getSubprotocol(), prefix + " encoded=" + encoded);
        assertEquals(user, ws.welcome().path("data").path("user_id").asText(), prefix + " encoded=" + encoded);
        ws.close();
      }
    }
  }

  @Test
  void tokenOnlySubprotocolIsAcceptedWithoutEchoingTheToken() throws Exception {
    Ws ws = TestClient.connectSubprotocols(target, "jwt." + b64url(TestClient.mint(target, "loadtest-30")));
    assertEquals("", ws.socket.getSubprotocol());
    assertEquals("loadtest-30", ws.welcome().path("data").path("user_id").asText());
    ws.close();
  }

  @Test
  void invalidTokenInSubprotocolIs403() {
    String bad = new JwtTokens("wrong-secret").mintAccess("u1", "u1@x", Instant.now());
    assertEquals(403, refusedStatus(target, List.of(), List.of("jwt." + b64url(bad), "jwt-auth")));
    assertEquals(403, refusedStatus(target, List.of(), List.of("jwt.notatoken", "jwt-auth")));
  }

  @Test
  void headerWinsOverSubprotocol() throws Exception {
    String header = TestClient.mint(target, "loadtest-31");
    String proto = TestClient.mint(target, "loadtest-32");
    Ws ws = TestClient.connect(target, List.of("Authorization", "Bearer " + header), List.of("jwt." + b64url(proto), "jwt-auth"));
    assertEquals("loadtest-31", ws.welcome().path("data").path("user_id").asText());
    assertFalse(ws.socket.getSubprotocol().startsWith("jwt."));
    ws.close();
  }
}
