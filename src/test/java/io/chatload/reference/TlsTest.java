package io.chatload.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.config.LoadSettings;
import io.chatload.config.RunSettings;
import io.chatload.journey.TargetLifecycle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** reference.tls=true: https and wss with a certificate generated at start. */
class TlsTest {
  private static ReferenceTarget target;
  private static HttpClient trusting;

  @BeforeAll
  static void start() {
    target = ReferenceTarget.start(ReferenceConfig.defaults().withLatencyScale(0).withTls(true));
    trusting = HttpClient.newBuilder().sslContext(target.clientTlsContext().orElseThrow()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @Test
  void urlsAreHttpsAndWss() {
    assertEquals("https", target.authUrl().getScheme());
    assertEquals("wss", target.wsUrl().getScheme());
  }

  @Test
  void loginAndAWholeRunOverTls() throws Exception {
    HttpResponse<String> login = trusting.send(HttpRequest.newBuilder(URI.create(target.authUrl() + "/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"loadtest-3@example.com\",\"password\":\"loadtest-password\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String token = TestClient.json(login.body()).get("access_token").asText();

    TestClient.Ws ws = new TestClient.Ws();
    ws.socket = trusting.newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(target.wsUrl(), ws).orTimeout(5, TimeUnit.SECONDS).join();
    assertEquals("connection_established", ws.welcome().path("data").path("event").asText());
    ws.send("{\"type\":\"user_message\",\"payload\":{\"content\":\"hello over tls\",\"thread_id\":\"t-tls\"}}");
    var events = ws.untilRunEnds();
    assertEquals("agent_completed", events.get(events.size() - 1).path("type").asText());
    ws.close();
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Exception e = assertThrows(Exception.class, () -> plain.send(
        HttpRequest.newBuilder(URI.create(target.backendUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
    assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
  }

  @Test
  void plainHttpToTheTlsPortIsNamedAsSuch() {
    Properties props = new Properties();
    String plain = "http://localhost:" + target.backendUrl().getPort();
    props.setProperty("target.backendUrl", plain);
    RunSettings run = RunSettings.load(props, Map.of(), LoadSettings.atOnce(1).turns(1)
        .thinking(Duration.ofSeconds(3), Duration.ofSeconds(5)));
    TargetLifecycle.PreflightFailed failed = assertThrows(TargetLifecycle.PreflightFailed.class,
        () -> new TargetLifecycle(run.target(), run.sla(), Map.of()).start());
    assertEquals("Pre-flight check failed, no load was sent: health check " + plain
        + "/health: the connection was closed without an HTTP answer (does the port expect https?)", failed.getMessage());
  }

  @Test
  void thePreflightNamesATlsFailureInOneSentence() {
    Properties props = new Properties();
    props.setProperty("target.backendUrl", target.backendUrl().toString());
    RunSettings run = RunSettings.load(props, Map.of(), LoadSettings.atOnce(1).turns(1)
        .thinking(Duration.ofSeconds(3), Duration.ofSeconds(5)));
    TargetLifecycle lifecycle = new TargetLifecycle(run.target(), run.sla(), Map.of());
    TargetLifecycle.PreflightFailed failed = assertThrows(TargetLifecycle.PreflightFailed.class, lifecycle::start);
    assertTrue(failed.getMessage().startsWith("Pre-flight check failed, no load was sent: health check " + target.backendUrl()
        + "/health: TLS failure ("), failed.getMessage());
  }
}
