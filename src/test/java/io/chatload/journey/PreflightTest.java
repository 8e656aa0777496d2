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
import io.chatload.reference.auth.AuthBypass;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pre-flight against targets that answer as the platform's releases do: a health status of
 * any release is up, an unhealthy one stops the run with its own words, and a refused token stops
 * it in either of the platform's ways of refusing one — before any load.
 */
class PreflightTest {
  private static final LoadSettings ONE = LoadSettings.atOnce(1).turns(1).thinking(Duration.ofSeconds(3), Duration.ofSeconds(5));

  private static TargetLifecycle lifecycle(String backendUrl, Map<String, String> props, Map<String, String> env) {
    Properties p = new Properties();
    p.setProperty("target.backendUrl", backendUrl);
    p.putAll(props);
    RunSettings run = RunSettings.load(p, env, ONE);
    return new TargetLifecycle(run.target(), run.sla(), Map.of());
  }

  private static final Map<String, String> PASSWORD = Map.of(RunSettings.ENV_LOADTEST_PASSWORD, "loadtest-password");

  /** A reference target whose runs take 5 ms, in dialect {@code d}. */
  private static ReferenceConfig fast(Dialect d) {
    return ReferenceConfig.defaults().withLatency("fixed:1,2,3,4,5").withHeartbeatSeconds(1).withDialect(d);
  }

  /** The pre-flight's sentence against {@code config} with these settings. */
  private static String failureAgainst(ReferenceConfig config, Map<String, String> props) {
    try (ReferenceTarget target = ReferenceTarget.start(config)) {
      return failure(lifecycle(target.backendUrl().toString(), props, PASSWORD));
    }
  }

  /** A whole turn in every dialect, phrased in every style: no false alarm, and the target ran one agent. */
  @ParameterizedTest(name = "{0}, -Dtarget.message={1}")
  @MethodSource("everyDialectAndStyle")
  void aCompleteTurnPassesInEveryDialectAndStyle(Dialect d, String style) {
    try (ReferenceTarget target = ReferenceTarget.start(fast(d))) {
      TargetLifecycle lifecycle = lifecycle(target.backendUrl().toString(), Map.of("target.message", style), PASSWORD);
      assertDoesNotThrow(() -> lifecycle.start());
      assertEquals(java.util.Optional.empty(), lifecycle.preflightNote(), "the five events, nothing amiss");
      assertEquals(1, target.counters().runsStarted(), "one turn");
    }
  }

  static Stream<Arguments> everyDialectAndStyle() {
    return Arrays.stream(Dialect.values()).flatMap(d -> Stream.of("contract", "frontend", "run_agent").map(s -> Arguments.of(d, s)));
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"CONTRACT", "BRIDGE"})
  void demoModeStopsTheRunNamingDemoModeItsSettingAndWhatToDo(Dialect d) {
    String message = failureAgainst(fast(d).withAuthBypass(AuthBypass.DEMO), Map.of());
    assertTrue(message.contains(": the welcome names user 'demo-use...' for a token of user 'loadtest-1': the platform runs in demo mode"
        + " (DEMO_MODE=1, its default outside production)"), message);
    assertTrue(message.contains("set DEMO_MODE=0") && message.contains("-Dtarget.sharedUser=true"), message);
    assertFalse(message.matches("(?s).*\\. [A-Z].*") || message.contains("\n"), "one sentence: " + message);
  }

  @Test
  void sharedUserRunsADemoModeDeploymentAnyway() {
    try (ReferenceTarget target = ReferenceTarget.start(fast(Dialect.BRIDGE).withAuthBypass(AuthBypass.DEMO))) {
      assertDoesNotThrow(() -> lifecycle(target.backendUrl().toString(), Map.of("target.sharedUser", "true"), PASSWORD).start());
      assertEquals(1, target.counters().runsStarted());
    }
  }

  @Test
  void emergencyAuthIsAFindingForThePlatformTeam() {
    String message = failureAgainst(fast(Dialect.BRIDGE).withAuthBypass(AuthBypass.EMERGENCY), Map.of());
    assertTrue(message.contains("the welcome names user 'emergenc...' for a token of user 'loadtest-1': the platform let the socket in"
        + " under emergency auth"), message);
    assertTrue(message.contains("could not reach its auth service") && message.contains("a finding for the platform team"), message);
    String anyway = failureAgainst(fast(Dialect.BRIDGE).withAuthBypass(AuthBypass.EMERGENCY), Map.of("target.sharedUser", "true"));
    assertTrue(anyway.contains("under emergency auth"), "not overridable: " + anyway);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theBrokenChatPathIsNamedWithItsCodeErrorTypeAndClose(Dialect d) {
    String message = failureAgainst(fast(d).withFaults("chat-broken=1"), Map.of());
    assertEquals("Pre-flight check failed, no load was sent: WebSocket " + message.substring(message.indexOf("ws://"), message.indexOf("/ws") + 3)
        + ": the first message ('user_message') was answered error_message CONNECTION_ERROR (error_type TypeError)"
        + " \"Connection error in main mode\" and the socket was closed 1011 (\"main mode error\"): the platform's chat path is"
        + " broken (beta-15 … beta-17's /ws main loop fails on every first message, whatever its type), so no turn can succeed;"
        + " fix or roll back the deployment before load-testing", message);
  }

  @Test
  void noAgentStartedWithinItsTimeoutNamesTheMessageSentAndTheOnesTheReleasesAccept() {
    String message = failureAgainst(fast(Dialect.BRIDGE).withLatency("fixed:1500,1501,1502,1503,1504"),
        Map.of("sla", "src/test/resources/sla-tests/quick-start.json", "target.message", "frontend"));
    assertTrue(message.contains(": no agent_started within 400 ms (agent_started's timeout) of the first message ('start_agent',"
        + " -Dtarget.message=frontend): the platform did not start an agent for it; beta-15 … beta-17 start agents only for"
        + " run_agent, agent_message and execute_agent (-Dtarget.message=run_agent), the front end sends start_agent then"
        + " user_message (-Dtarget.message=frontend)"), message);
  }

  /** What may go wrong in one run and not the next is the load's to measure: the pre-flight goes on. */
  @ParameterizedTest
  @ValueSource(strings = {"error=1", "stale=1", "drop=agent_thinking:1", "malformed=1", "disconnect=1", "leak=1", "disorder=1"})
  void aFaultOfOneRunIsNotAStop(String fault) {
    try (ReferenceTarget target = ReferenceTarget.start(fast(Dialect.CONTRACT).withFaults(fault).withSeed(3))) {
      TargetLifecycle lifecycle = lifecycle(target.backendUrl().toString(), Map.of(), PASSWORD);
      assertDoesNotThrow(() -> lifecycle.start());
      if (!fault.startsWith("stale") && !fault.startsWith("leak")) {
        assertTrue(lifecycle.preflightNote().isPresent(), fault + " is noted");
      }
    }
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
