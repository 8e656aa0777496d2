package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.chatload.config.LoadSettings;
import io.chatload.config.RunSettings;
import io.chatload.contract.Dialect;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The pre-flight against targets that answer as the platform's releases do: a health status of
 * any release is up, an unhealthy one stops the run with its own words, and a refused token stops
 * it in either of the platform's ways of refusing one — before any load.
 */
class PreflightTest {
  private static final LoadSettings ONE = new LoadSettings(LoadSettings.Injection.AT_ONCE, 1, 0,
      Duration.ZERO, Duration.ZERO, 1, Duration.ofSeconds(3), Duration.ofSeconds(5));

  private static TargetLifecycle lifecycle(String backendUrl, Map<String, String> props, Map<String, String> env) {
    Properties p = new Properties();
    p.setProperty("target.backendUrl", backendUrl);
    p.putAll(props);
    return new TargetLifecycle(RunSettings.load(p, env, ONE).target(), Map.of());
  }

  private static String failure(TargetLifecycle l) {
    return assertThrows(TargetLifecycle.PreflightFailed.class, l::start).getMessage();
  }

  @Test
  void theBridgeDialectPassesWithItsOwnHealthAnswer() {
    try (ReferenceTarget target = ReferenceTarget.start(ReferenceConfig.defaults().withDialect(Dialect.BRIDGE))) {
      assertDoesNotThrow(() -> lifecycle(target.backendUrl().toString(), Map.of(),
          Map.of(RunSettings.ENV_LOADTEST_PASSWORD, "loadtest-password")).start());
    }
  }

  @Test
  void aTokenRefusedAfterTheHandshakeStopsTheRunInOneSentence() {
    try (ReferenceTarget target = ReferenceTarget.start(ReferenceConfig.defaults().withDialect(Dialect.BRIDGE)
        .withJwtSecret("the-target-signs-with-this-secret-0123456789"))) {
      String message = failure(lifecycle(target.backendUrl().toString(), Map.of("target.auth", "mint"),
          Map.of(RunSettings.ENV_JWT_SECRET, "but-the-suite-was-given-another-one-9876543210")));
      assertTrue(message.startsWith("Pre-flight check failed, no load was sent: WebSocket " + target.wsUrl()
          + " accepted the socket, then refused it: error_message AUTH_FAILED: "), message);
      assertFalse(message.contains("eyJ"), "no token in the sentence");
    }
  }

  @Test
  void aTokenRefusedOnTheHandshakeStopsTheRunInOneSentence() {
    try (ReferenceTarget target = ReferenceTarget.start(ReferenceConfig.defaults()
        .withJwtSecret("the-target-signs-with-this-secret-0123456789"))) {
      String message = failure(lifecycle(target.backendUrl().toString(), Map.of("target.auth", "mint", "target.wsAuth", "subprotocol"),
          Map.of(RunSettings.ENV_JWT_SECRET, "but-the-suite-was-given-another-one-9876543210")));
      assertEquals("Pre-flight check failed, no load was sent: WebSocket " + target.wsUrl()
          + ": handshake refused with HTTP 403 (the token was not accepted)", message);
    }
  }

  @Test
  void anUnhealthyTargetIsNamedWithItsOwnWordsAndIsAskedOverHttp11() throws Exception {
    List<String> upgrades = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/health", exchange -> {
      upgrades.add(String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")));
      byte[] body = "{\"status\":\"unhealthy\",\"message\":\"database still starting\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      String message = failure(lifecycle(url, Map.of(), Map.of()));
      assertEquals("Pre-flight check failed, no load was sent: health check " + url
          + "/health answered HTTP 503: message 'database still starting'", message);
      assertEquals(List.of("null"), upgrades, "HTTP/1.1 as Gatling speaks it: no h2c upgrade offered");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void everyReleasesUpStatusIsUp() {
    assertTrue(ChatJourney.UP_STATUSES.containsAll(List.of("ok", "healthy", "degraded", "ready")));
    assertFalse(ChatJourney.UP_STATUSES.contains("unhealthy"));
  }
}
