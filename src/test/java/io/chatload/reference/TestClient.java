package io.chatload.reference;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Json;
import io.chatload.contract.JwtTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real-socket client for the tests: the JDK's HttpClient and WebSocket, nothing mocked. */
public final class TestClient {
  public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public static final Duration WAIT = Duration.ofSeconds(5);

  private TestClient() {}

  public static HttpResponse<String> get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(WAIT).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> post(URI uri, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static JsonNode json(String s) throws IOException {
    return Json.MAPPER.readTree(s);
  }

  public static String mint(ReferenceTarget t, String userId) {
    return new JwtTokens(t.jwtSecret()).mintAccess(userId, userId + "@example.com", Instant.now());
  }

  public static String b64url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Connects with {@code Authorization: Bearer <token>}. */
  public static Ws connect(ReferenceTarget t, String token) {
    return connect(t, List.of("Authorization", "Bearer " + token), List.of());
  }

  public static Ws connectSubprotocols(ReferenceTarget t, String... protocols) {
    return connect(t, List.of(), List.of(protocols));
  }

  public static Ws connect(ReferenceTarget t, List<String> headers, List<String> subprotocols) {
    Ws ws = new Ws();
    WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    if (!subprotocols.isEmpty()) {
      b.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    ws.socket = b.buildAsync(t.wsUrl(), ws).orTimeout(5, TimeUnit.SECONDS).join();
    return ws;
  }

  /** The HTTP status the server refused the handshake with. */
  public static int refusedStatus(ReferenceTarget t, List<String> headers, List<String> subprotocols) {
    try {
      connect(t, headers, subprotocols).socket.abort();
      fail("handshake was accepted");
      return -1;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  /** One open socket, recording every text message and the close code. */
  public static final class Ws implements WebSocket.Listener {
    public WebSocket socket;
    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }

    public void send(String text) {
      socket.sendText(text, true).join();
    }

    public String nextRaw() throws InterruptedException {
      String m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(m, "no message within " + WAIT);
      return m;
    }

    public JsonNode next() throws Exception {
      return json(nextRaw());
    }

    /** The next message whose type is not heartbeat. */
    public JsonNode nextOfInterest() throws Exception {
      JsonNode n;
      do {
        n = next();
      } while (n.path("type").asText().equals("heartbeat"));
      return n;
    }

    /** The welcome, checked to be a system_message. */
    public JsonNode welcome() throws Exception {
      JsonNode w = next();
      if (!w.path("type").asText().equals("system_message")) {
        fail("expected the welcome first, got " + w);
      }
      return w;
    }

    /** Messages until agent_completed or agent_error (inclusive), failing after the wait. */
    public List<JsonNode> untilRunEnds() throws Exception {
      List<JsonNode> out = new ArrayList<>();
      while (true) {
        JsonNode n = next();
        out.add(n);
        String type = n.path("type").asText();
        if (type.equals("agent_completed") || type.equals("agent_error")) {
          return out;
        }
      }
    }

    /** Whatever arrives within {@code millis}. */
    public List<String> drain(long millis) throws InterruptedException {
      List<String> out = new ArrayList<>();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (true) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return out;
        }
        String m = messages.poll(left, TimeUnit.NANOSECONDS);
        if (m != null) {
          out.add(m);
        }
      }
    }

    public int awaitClose() {
      return closeCode.orTimeout(5, TimeUnit.SECONDS).join();
    }

    public void close() {
      if (!socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      }
    }
  }

  public static String userMessage(String content, String threadId) {
    return "{\"type\":\"user_message\",\"payload\":{\"content\":\"" + content + "\",\"thread_id\":\"" + threadId
        + "\"},\"message_id\":\"m-1\",\"timestamp\":" + (System.currentTimeMillis() / 1000.0) + "}";
  }

  public static ReferenceConfig fast() {
    return ReferenceConfig.defaults().withLatencyScale(0).withHeartbeatSeconds(0);
  }
}
