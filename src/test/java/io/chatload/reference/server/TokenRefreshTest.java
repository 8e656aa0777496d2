package io.chatload.reference.server;

import static io.chatload.reference.TestClient.get;
import static io.chatload.reference.TestClient.json;
import static io.chatload.reference.TestClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.JwtTokens;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /auth/refresh}: a new pair for a refresh token, the real 401 for anything else, and the refresh-fail fault. */
class TokenRefreshTest {
  private static final String LOGIN = "{\"email\":\"loadtest-7@example.com\",\"password\":\"loadtest-password\"}";
  static ReferenceTarget target;

  @BeforeAll
  static void start() {
    target = ReferenceTarget.start(TestClient.fast());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  static JsonNode login(ReferenceTarget t) throws Exception {
    HttpResponse<String> r = post(t.authUrl().resolve("/auth/login"), LOGIN, "Content-Type", "application/json");
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body());
  }

  static HttpResponse<String> refresh(ReferenceTarget t, String body) throws Exception {
    return post(t.authUrl().resolve("/auth/refresh"), body, "Content-Type", "application/json");
  }

  private static String body(String refreshToken) {
    return "{\"refresh_token\":\"" + refreshToken + "\"}";
  }

  private static void assertRefused(HttpResponse<String> r) throws Exception {
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("{\"detail\":\"Invalid refresh token\"}", json(r.body()).toString());
  }

  @Test
  void loginsRefreshTokenGivesANewWorkingPair() throws Exception {
    JsonNode l = login(target);
    HttpResponse<String> r = refresh(target, body(l.path("refresh_token").asText()));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode b = json(r.body());
    assertEquals("Bearer", b.path("token_type").asText());
    assertEquals(900, b.path("expires_in").asInt());
    String access = b.path("access_token").asText();
    assertNotEquals(l.path("access_token").asText(), access);
    assertEquals("loadtest-7", new JwtTokens(target.jwtSecret()).verifyAccess(access).getSubject());
    assertEquals(200, get(target.authUrl().resolve("/auth/validate"), "Authorization", "Bearer " + access).statusCode());
    // the new refresh token refreshes again, and the new access token opens a socket
    assertEquals(200, refresh(target, body(b.path("refresh_token").asText())).statusCode());
    TestClient.Ws ws = TestClient.connect(target, access);
    assertEquals("loadtest-7", ws.welcome().path("data").path("user_id").asText());
    ws.close();
  }

  @Test
  void anythingButAValidRefreshTokenIs401() throws Exception {
    JsonNode l = login(target);
    JwtTokens jwt = new JwtTokens(target.jwtSecret());
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    assertRefused(refresh(target, body(l.path("access_token").asText()))); // an access token
    assertRefused(refresh(target, body(jwt.mint("u1", "u1@example.com", JwtTokens.REFRESH, hourAgo, Duration.ofMinutes(5)))));
    assertRefused(refresh(target, body(new JwtTokens("another-secret").mint("u1", "u1@example.com", JwtTokens.REFRESH, Instant.now(), Duration.ofDays(1)))));
    assertRefused(refresh(target, body("not-a-jwt")));
    assertRefused(refresh(target, "{}"));
    assertRefused(refresh(target, ""));
    assertRefused(refresh(target, "not json"));
    assertEquals(405, get(target.authUrl().resolve("/auth/refresh")).statusCode());
  }

  @Test
  void refreshFailRefusesValidRefreshes() throws Exception {
    try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withFaults("refresh-fail=1").withSeed(3))) {
      String token = login(t).path("refresh_token").asText();
      assertRefused(refresh(t, body(token)));
      assertRefused(refresh(t, body(token)));
      assertEquals(2, t.counters().faultsInjected("refresh-fail"));
      JsonNode health = json(get(t.backendUrl().resolve("/health")).body());
      assertEquals(2, health.path("counters").path("faultsInjected").path("refresh-fail").asLong());
    }
    try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withFaults("refresh-fail=0"))) {
      assertEquals(200, refresh(t, body(login(t).path("refresh_token").asText())).statusCode());
    }
  }
}
