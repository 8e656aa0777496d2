package io.chatload.reference.server;

import static io.chatload.reference.TestClient.get;
import static io.chatload.reference.TestClient.json;
import static io.chatload.reference.TestClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.JwtTokens;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthEndpointsTest {
  static ReferenceTarget target;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    Path csv = dir.resolve("users.csv");
    Files.writeString(csv, "email,password\nalice@corp.test,s3cret\n");
    target = ReferenceTarget.start(TestClient.fast().withUsersFile(csv).withBypassKey("the-bypass-key"));
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static HttpResponse<String> login(String body) throws Exception {
    return post(target.authUrl().resolve("/auth/login"), body, "Content-Type", "application/json");
  }

  @Test
  void loginWithSeededPatternUserIssuesVerifiableAccessToken() throws Exception {
    HttpResponse<String> r = login("{\"email\":\"loadtest-42@example.com\",\"password\":\"loadtest-password\"}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode b = json(r.body());
    assertEquals("Bearer", b.path("token_type").asText());
    assertEquals(900, b.path("expires_in").asInt());
    assertEquals("loadtest-42", b.path("user").path("id").asText());
    assertEquals("loadtest-42@example.com", b.path("user").path("email").asText());
    var jwt = new JwtTokens(target.jwtSecret()).verifyAccess(b.path("access_token").asText());
    assertEquals("loadtest-42", jwt.getSubject());
    assertFalse(b.path("refresh_token").asText().isEmpty());
  }

  @Test
  void loginWithCsvUser() throws Exception {
    HttpResponse<String> r = login("{\"email\":\"alice@corp.test\",\"password\":\"s3cret\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(json(r.body()).path("user").path("id").asText().startsWith("user-"));
    assertEquals(401, login("{\"email\":\"alice@corp.test\",\"password\":\"loadtest-password\"}").statusCode());
  }

  @Test
  void wrongCredentialsAre401() throws Exception {
    HttpResponse<String> r = login("{\"email\":\"loadtest-1@example.com\",\"password\":\"nope\"}");
    assertEquals(401, r.statusCode());
    assertEquals("Invalid credentials", json(r.body()).path("detail").asText());
    assertEquals(401, login("{\"email\":\"loadtest-0@example.com\",\"password\":\"loadtest-password\"}").statusCode());
    assertEquals(401, login("{\"email\":\"someone@example.com\",\"password\":\"loadtest-password\"}").statusCode());
  }

  @Test
  void malformedBodiesAre400Or422WithAReason() throws Exception {
    HttpResponse<String> notJson = login("not json");
    assertEquals(400, notJson.statusCode());
    assertTrue(json(notJson.body()).path("detail").asText().contains("JSON"));
    HttpResponse<String> missing = login("{\"email\":\"loadtest-1@example.com\"}");
    assertEquals(422, missing.statusCode());
    assertTrue(json(missing.body()).path("detail").asText().contains("password"));
    assertEquals(400, login("[1,2]").statusCode());
  }

  @Test
  void validateAcceptsAccessTokenAndRefusesOthers() throws Exception {
    String token = TestClient.mint(target, "loadtest-5");
    HttpResponse<String> ok = get(target.authUrl().resolve("/auth/validate"), "Authorization", "Bearer " + token);
    assertEquals(200, ok.statusCode());
    assertEquals("loadtest-5", json(ok.body()).path("user").path("id").asText());
    assertEquals(401, get(target.authUrl().resolve("/auth/validate"), "Authorization", "Bearer garbage").statusCode());
    assertEquals(401, get(target.authUrl().resolve("/auth/validate")).statusCode());
    String foreign = new JwtTokens("another-secret").mintAccess("loadtest-5", "x@example.com", java.time.Instant.now());
    assertEquals(401, get(target.authUrl().resolve("/auth/validate"), "Authorization", "Bearer " + foreign).statusCode());
  }

  @Test
  void testAuthNeedsTheBypassKey() throws Exception {
    String body = "{\"email\":\"e2e-user@example.com\",\"name\":\"E2E\",\"permissions\":[\"read\"]}";
    var uri = target.authUrl().resolve("/auth/e2e/test-auth");
    HttpResponse<String> ok = post(uri, body, "X-E2E-Bypass-Key", "the-bypass-key");
    assertEquals(200, ok.statusCode(), ok.body());
    JsonNode b = json(ok.body());
    var jwt = new JwtTokens(target.jwtSecret()).verifyAccess(b.path("access_token").asText());
    assertEquals("e2e-user@example.com", jwt.getClaim("email").asString());
    assertEquals(java.util.List.of("read"), jwt.getClaim("permissions").asList(String.class));
    assertEquals(401, post(uri, body).statusCode());
    assertEquals(403, post(uri, body, "X-E2E-Bypass-Key", "wrong").statusCode());
    assertEquals(422, post(uri, "{\"name\":\"x\"}", "X-E2E-Bypass-Key", "the-bypass-key").statusCode());
  }

  @Test
  void healthShowsCountersAndConfigButNoSecrets() throws Exception {
    login("{\"email\":\"loadtest-9@example.com\",\"password\":\"loadtest-password\"}");
    HttpResponse<String> r = get(target.backendUrl().resolve("/health"));
    assertEquals(200, r.statusCode());
    JsonNode b = json(r.body());
    assertEquals("healthy", b.path("status").asText());
    assertTrue(b.path("counters").path("logins").asLong() >= 1);
    assertTrue(b.path("counters").has("socketsOpen"));
    assertTrue(b.path("counters").path("faultsInjected").isObject());
    assertEquals(0.0, b.path("config").path("latencyScale").asDouble());
    assertEquals(30, b.path("config").path("limits").path("messagesPerMinute").asInt());
    assertFalse(r.body().contains(target.jwtSecret()));
    assertFalse(r.body().contains("the-bypass-key"));
  }

  @Test
  void unknownPathIsJson404AndWrongMethod405() throws Exception {
    HttpResponse<String> r = get(target.backendUrl().resolve("/nope"));
    assertEquals(404, r.statusCode());
    assertEquals("Not Found", json(r.body()).path("detail").asText());
    assertEquals(405, get(target.authUrl().resolve("/auth/login")).statusCode());
  }

  @Test
  void healthCountsDistinctUsersAndRepeatLoginsSoSharedAccountsShow() throws Exception {
    // injectors that share a run must never log in the same user: the rehearsal reads these (docs/SCALING_OUT.md)
    long users = target.counters().usersLoggedIn();
    long repeats = target.counters().repeatLogins();
    String body = "{\"email\":\"loadtest-777001@example.com\",\"password\":\"loadtest-password\"}";
    assertEquals(200, login(body).statusCode());
    assertEquals(200, login(body).statusCode());
    assertEquals(200, login("{\"email\":\"loadtest-777002@example.com\",\"password\":\"loadtest-password\"}").statusCode());
    assertEquals(401, login("{\"email\":\"loadtest-777003@example.com\",\"password\":\"wrong\"}").statusCode());
    JsonNode counters = json(get(target.authUrl().resolve("/health/details")).body()).path("counters");
    assertEquals(users + 2, counters.path("usersLoggedIn").asLong(), "a refused login is no user logged in");
    assertEquals(repeats + 1, counters.path("repeatLogins").asLong());
  }
}
