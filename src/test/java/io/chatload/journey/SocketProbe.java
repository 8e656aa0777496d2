package io.chatload.journey;

import io.chatload.config.TargetSettings;
import io.chatload.config.WsAuth;
import io.chatload.contract.MessageTypes;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pre-flight's one socket: opened with a real token the way the users open theirs, so a token
 * the platform refuses stops the run before load in one sentence, in either of the platform's ways
 * of refusing it — HTTP 403 on the handshake, or an accepted socket that sends {@code AUTH_FAILED}
 * and closes 1008.
 */
final class SocketProbe {
  private final HttpClient client;
  private final TargetSettings target;
  private final Duration timeout;

  SocketProbe(HttpClient client, TargetSettings target, Duration timeout) {
    this.client = client;
    this.target = target;
    this.timeout = timeout;
  }

  /** Opens the socket, waits for its first frame that is not a keep-alive, and closes it. */
  void open(String token) {
    String what = "WebSocket " + target.wsUrl();
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
    if (target.wsAuth() == WsAuth.HEADER) {
      builder.header("Authorization", "Bearer " + token);
    } else {
      builder.subprotocols("jwt." + ChatJourney.base64Url(token), "jwt-auth");
    }
    FirstFrame first = new FirstFrame();
    WebSocket socket;
    try {
      socket = builder.buildAsync(target.wsUrl(), first).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new TargetLifecycle.PreflightFailed(what + ": " + handshakeFailure(e.getCause(), what));
    } catch (TimeoutException e) {
      throw new TargetLifecycle.PreflightFailed(what + ": no handshake within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetLifecycle.PreflightFailed(what + ": interrupted");
    }
    try {
      String outcome = first.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (outcome != null) {
        throw new TargetLifecycle.PreflightFailed(what + " " + outcome);
      }
    } catch (TimeoutException e) {
      throw new TargetLifecycle.PreflightFailed(what + ": no welcome within " + timeout.toSeconds() + " s of the handshake");
    } catch (ExecutionException e) {
      throw new TargetLifecycle.PreflightFailed(what + ": " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetLifecycle.PreflightFailed(what + ": interrupted");
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "pre-flight done").exceptionally(t -> null);
    }
  }

  private static String handshakeFailure(Throwable cause, String what) {
    if (cause instanceof WebSocketHandshakeException h) {
      int code = h.getResponse().statusCode();
      return "handshake refused with HTTP " + code + (code == 401 || code == 403 ? " (the token was not accepted)" : "");
    }
    if (cause instanceof IOException io) {
      return TargetLifecycle.whyNoAnswer(io, what);
    }
    return String.valueOf(cause);
  }

  /** Completes with null on the welcome (or any frame the load will judge), else with what went wrong. */
  private static final class FirstFrame implements WebSocket.Listener {
    final CompletableFuture<String> result = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        Frame f = Frame.parse(text.toString());
        text.setLength(0);
        if (f.problem() != null) {
          result.complete("sent a malformed first frame (" + f.problem() + "): " + f.snippet());
        } else if (MessageTypes.ERROR_MESSAGE.equals(f.type)) {
          result.complete("accepted the socket, then refused it: error_message " + f.text("error_code") + ": "
              + EventContent.shortText(f.text("error_message")));
        } else if (!MessageTypes.IGNORABLE.contains(f.type)) {
          result.complete(null); // the welcome, or a frame the load's checks will judge
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      result.complete("closed the socket before its welcome (close " + status + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      result.complete("failed before its welcome: " + error);
    }
  }
}
