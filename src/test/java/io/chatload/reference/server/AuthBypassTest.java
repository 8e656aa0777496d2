package io.chatload.reference.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import io.chatload.reference.TestClient.Ws;
import io.chatload.reference.auth.AuthBypass;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Demo mode and emergency auth as a client sees them: every socket is one platform user whatever
 * its token says, and the welcome names that user truncated, as beta-15+ does.
 */
class AuthBypassTest {

  private static ReferenceTarget start(Dialect d, AuthBypass bypass) {
    return ReferenceTarget.start(TestClient.fast().withLatency("fixed:1,2,3,4,5").withDialect(d).withAuthBypass(bypass));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void demoModeMakesEverySocketDemoUser001WhateverItsToken(Dialect d) throws Exception {
    try (ReferenceTarget t = start(d, AuthBypass.DEMO)) {
      Ws alice = TestClient.connect(t, TestClient.mint(t, "loadtest-1"));
      assertEquals("demo-use...", alice.next().path("data").path("user_id").asText(), d.wireName());
      alice.send(TestClient.userMessage("hello", "t-alice"));
      for (JsonNode e : alice.untilRunEnds()) {
        JsonNode uid = e.findValue("user_id");
        assertTrue(uid == null || uid.asText().equals("demo-user-001"), "events are demo-user-001's: " + e);
      }
      // no token at all, and a forged one, are let in the same
      Ws anonymous = TestClient.connect(t, List.of(), List.of());
      assertEquals("demo-use...", anonymous.next().path("data").path("user_id").asText());
      Ws forged = TestClient.connect(t, List.of("Authorization", "Bearer not.a.token"), List.of());
      assertEquals("demo-use...", forged.next().path("data").path("user_id").asText());
      // one user, four sockets: demo mode enforces no per-user socket limit
      Ws fourth = TestClient.connect(t, TestClient.mint(t, "loadtest-2"));
      assertEquals("demo-use...", fourth.next().path("data").path("user_id").asText());
      assertEquals(4, t.counters().socketsOpen());
    }
  }

  @Test
  void emergencyAuthNamesEverySocketAfterTheSecond() throws Exception {
    try (ReferenceTarget t = start(Dialect.BRIDGE, AuthBypass.EMERGENCY)) {
      long before = System.currentTimeMillis() / 1000;
      Ws ws = TestClient.connect(t, TestClient.mint(t, "loadtest-1"));
      assertEquals("emergenc...", ws.next().path("data").path("user_id").asText());
      ws.send(TestClient.userMessage("hello", "t-1"));
      String uid = ws.untilRunEnds().get(0).path("user_id").asText();
      long second = Long.parseLong(uid.substring("emergency_".length()));
      assertTrue(uid.startsWith("emergency_") && second >= before && second <= System.currentTimeMillis() / 1000, uid);
    }
  }

  @Test
  void theSettingsAreReadAndExcludeEachOther() {
    Properties p = new Properties();
    p.setProperty("reference.demoMode", "true");
    assertEquals(AuthBypass.DEMO, ReferenceConfig.fromProperties(p, java.util.Map.of()).authBypass());
    p.setProperty("reference.emergencyAuth", "true");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ReferenceConfig.fromProperties(p, java.util.Map.of()));
    assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
    p.setProperty("reference.demoMode", "yes");
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ReferenceConfig.fromProperties(p, java.util.Map.of()));
    assertTrue(e.getMessage().startsWith("reference.demoMode=yes is invalid"), e.getMessage());
  }
}
