package io.chatload.journey;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.config.TargetSettings;
import io.chatload.config.WsAuth;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.sla.SlaSpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pre-flight's one socket and one turn, as a virtual user makes them: opened with a real token
 * the way the users open theirs, the welcome, one message phrased as the load phrases it, and the
 * five events. What makes every turn of the load fail, or its checks meaningless, stops the run
 * before load with one sentence ({@link PlatformFindings}): a refused token (HTTP 403 on the
 * handshake, or {@code AUTH_FAILED} and close 1008), a socket that is another user than the token's
 * subject (demo mode, emergency auth), an error or a close answered to the first message (the broken
 * chat path's {@code CONNECTION_ERROR} and 1011), no agent_started within its timeout. What can go
 * wrong in one run and not the next (an agent_error, a missing or late event, a stall) is the load's
 * to measure: it is returned as a note, never a stop.
 */
final class SocketProbe {
  /** How long a CONNECTION_ERROR's close is awaited, to quote its code. */
  private static final long CLOSE_AFTER_ERROR_MS = 2_000;

  private final HttpClient client;
  private final TargetSettings target;
  private final SlaSpec sla;
  private final Duration timeout;
  private final String what;
  /** The threads and runs of the pre-flight's turn, for the load's user of the same account. */
  private final Set<String> turnThreads = new LinkedHashSet<>();
  private final Set<String> turnRuns = new LinkedHashSet<>();
  private String turnUser;

  SocketProbe(HttpClient client, TargetSettings target, SlaSpec sla, Duration timeout) {
    this.client = client;
    this.target = target;
    this.sla = sla;
    this.timeout = timeout;
    this.what = "WebSocket " + target.wsUrl();
  }

  /**
   * Opens the socket, judges the welcome, makes one turn and closes. Throws {@link
   * TargetLifecycle.PreflightFailed} on what stops the run; returns what went wrong in the turn
   * otherwise (empty when it was clean).
   */
  Optional<String> goldenTurn(String token, String prompt) {
    Inbox inbox = new Inbox();
    WebSocket socket = open(token, inbox);
    try {
      String subject = subject(token);
      welcome(inbox, subject);
      return turn(socket, inbox, subject, prompt);
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "pre-flight done").exceptionally(t -> null);
    }
  }

  /**
   * The pre-flight turn's threads and runs: if it ended before its run did, the rest of that run may
   * reach the load's first user of the same account (a platform that buffers a user's events for
   * its next socket does exactly that), and must not read as a cross-user leak there.
   */
  Optional<Conversation.EarlierTurn> earlierTurn() {
    return turnUser == null ? Optional.empty() : Optional.of(new Conversation.EarlierTurn(turnUser, Set.copyOf(turnThreads), Set.copyOf(turnRuns)));
  }

  private static void addIfPresent(Set<String> ids, String id) {
    if (id != null && !id.isEmpty()) {
      ids.add(id);
    }
  }

  private WebSocket open(String token, Inbox inbox) {
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
    if (target.wsAuth() == WsAuth.HEADER) {
      builder.header("Authorization", "Bearer " + token);
    } else {
      builder.subprotocols("jwt." + ChatJourney.base64Url(token), "jwt-auth");
    }
    try {
      return builder.buildAsync(target.wsUrl(), inbox).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failed(": " + handshakeFailure(e.getCause(), what));
    } catch (TimeoutException e) {
      throw failed(": no handshake within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(": interrupted");
    }
  }

  /** The first frame that is not a keep-alive: the welcome (or a frame the load will judge). */
  private void welcome(Inbox inbox, String subject) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (true) {
      Inbox.Item item = inbox.next(deadline);
      if (item == null) {
        throw failed(": no welcome within " + timeout.toSeconds() + " s of the handshake");
      }
      if (item.closed()) {
        throw failed(" closed the socket before its welcome (close " + item.closeCode() + closedReason(item.closeReason()) + ")");
      }
      if (item.error() != null) {
        throw failed(" failed before its welcome: " + item.error());
      }
      Frame f = Frame.parse(item.text());
      if (f.problem() != null) {
        throw failed(" sent a malformed first frame (" + f.problem() + "): " + f.snippet());
      }
      if (MessageTypes.ERROR_MESSAGE.equals(f.type)) {
        throw failed(" accepted the socket, then refused it: error_message " + f.text("error_code") + ": "
            + EventContent.shortText(f.text("error_message")));
      }
      if (!MessageTypes.IGNORABLE.contains(f.type)) {
        judgeIdentity(f.text("user_id"), subject, "the welcome");
        return;
      }
    }
  }

  private Optional<String> turn(WebSocket socket, Inbox inbox, String subject, String prompt) {
    Conversation conversation = new Conversation(subject == null ? "" : subject, sla, target.message(), new FrameTally(), target.sharedUser());
    String message = conversation.beginTurn(prompt);
    turnUser = subject;
    addIfPresent(turnThreads, conversation.threadId());
    String sentType = typeOf(message);
    long sent = System.currentTimeMillis();
    try {
      socket.sendText(message, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw failed(": the first message ('" + sentType + "') could not be sent: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(": interrupted");
    }
    long startedBy = sent + sla.timeoutMs(AgentEvent.AGENT_STARTED);
    long completedBy = sent + sla.timeoutMs(AgentEvent.AGENT_COMPLETED);
    Set<AgentEvent> seen = EnumSet.noneOf(AgentEvent.class);
    Set<String> otherTypes = new LinkedHashSet<>();
    String note = null;
    while (true) {
      boolean anyAgentFrame = !seen.isEmpty();
      Inbox.Item item = inbox.next(anyAgentFrame ? completedBy : startedBy);
      if (item == null) {
        if (!anyAgentFrame) {
          String answered = otherTypes.isEmpty() ? "" : " (it answered only " + String.join(", ", otherTypes) + ")";
          throw failed(": " + PlatformFindings.noAgentStarted(sentType, target.message(), sla.timeoutMs(AgentEvent.AGENT_STARTED), answered));
        }
        return Optional.of(first(note, "no agent_completed within " + sla.timeoutMs(AgentEvent.AGENT_COMPLETED)
            + " ms (its timeout) of the message; events seen: " + names(seen)));
      }
      if (item.closed() || item.error() != null) {
        if (!anyAgentFrame) {
          throw failed(": " + PlatformFindings.closedBeforeAgent(sentType, item.closed() ? item.closeCode() : 1006,
              item.closed() ? item.closeReason() : String.valueOf(item.error())));
        }
        return Optional.of(first(note, "the socket closed " + (item.closed() ? item.closeCode() : "(" + item.error() + ")")
            + " during the run, after " + names(seen)));
      }
      Frame f = Frame.parse(item.text());
      if (f.problem() != null) {
        note = first(note, "a malformed frame (" + f.problem() + ")");
        continue;
      }
      if (MessageTypes.IGNORABLE.contains(f.type)) {
        continue;
      }
      if (MessageTypes.ERROR_MESSAGE.equals(f.type)) {
        if (!anyAgentFrame) {
          throw failed(": " + errorAnswer(f, item.text(), sentType, inbox));
        }
        note = first(note, "error_message " + f.text("error_code") + " during the run");
        continue;
      }
      if (MessageTypes.AGENT_ERROR.equals(f.type)) {
        return Optional.of(first(note, "the run ended with agent_error: " + EventContent.shortText(
            f.text("error") != null ? f.text("error") : f.text("error_message"))));
      }
      Optional<AgentEvent> event = AgentEvent.fromWireName(f.type);
      if (event.isEmpty()) {
        otherTypes.add("'" + EventContent.shortText(f.type) + "'");
        continue;
      }
      judgeIdentity(f.text("user_id"), subject, f.type);
      addIfPresent(turnThreads, f.text("thread_id"));
      addIfPresent(turnRuns, f.text("run_id"));
      if (seen.isEmpty() && event.get() != AgentEvent.AGENT_STARTED) {
        note = first(note, f.type + " arrived before agent_started");
      }
      seen.add(event.get());
      if (event.get() == AgentEvent.AGENT_COMPLETED) {
        if (seen.size() < AgentEvent.values().length) {
          EnumSet<AgentEvent> missing = EnumSet.complementOf(EnumSet.copyOf(seen));
          note = first(note, "agent_completed arrived without " + names(missing));
        }
        return Optional.ofNullable(note);
      }
    }
  }

  /** An error_message before any agent event: the broken chat path (quoting its close), or another refusal. */
  private String errorAnswer(Frame f, String raw, String sentType, Inbox inbox) {
    String code = f.text("error_code") != null ? f.text("error_code") : f.text("code");
    String message = f.text("error_message") != null ? f.text("error_message") : f.text("message");
    if (!MessageTypes.CONNECTION_ERROR.equals(code)) {
      return PlatformFindings.refusedMessage(sentType, code, message);
    }
    String errorType = null;
    try {
      JsonNode n = Json.MAPPER.readTree(raw);
      JsonNode details = n.path("data").path("details").isObject() ? n.path("data").path("details") : n.path("details");
      errorType = details.path("error_type").isTextual() ? details.path("error_type").asText() : null;
    } catch (IOException e) {
      // Frame.parse read it already: a failure here cannot happen, and the error type is optional
    }
    Inbox.Item close = inbox.closeWithin(CLOSE_AFTER_ERROR_MS);
    return PlatformFindings.brokenChatPath(sentType, code, errorType, message,
        close == null ? null : close.closeCode(), close == null ? null : close.closeReason());
  }

  /**
   * A socket that is another user than the token's subject stops the run: demo mode unless opted in
   * (-Dtarget.sharedUser=true), emergency auth always (sockets let in while auth is down are a finding).
   */
  private void judgeIdentity(String named, String subject, String where) {
    if (named == null || subject == null || Conversation.sameUser(subject, named)) {
      return;
    }
    if (target.sharedUser() && !PlatformFindings.isEmergencyUser(named)) {
      return;
    }
    throw failed(": " + PlatformFindings.anotherUser(named, subject, where));
  }

  /** The token's subject, the user the platform's frames should name (null when it has none). */
  private static String subject(String token) {
    try {
      return JWT.decode(token).getSubject();
    } catch (JWTDecodeException e) {
      return null; // an opaque token: the frames' user ids cannot be compared with it
    }
  }

  private static String typeOf(String message) {
    try {
      return Json.MAPPER.readTree(message).path("type").asText();
    } catch (IOException e) {
      return "?"; // Conversation writes the message: it is JSON
    }
  }

  private static String names(Set<AgentEvent> events) {
    return events.stream().map(AgentEvent::wireName).collect(java.util.stream.Collectors.joining(", "));
  }

  private static String first(String note, String other) {
    return note != null ? note : other;
  }

  private TargetLifecycle.PreflightFailed failed(String rest) {
    return new TargetLifecycle.PreflightFailed(what + rest);
  }

  private static String closedReason(String reason) {
    return reason == null || reason.isEmpty() ? "" : ": " + reason;
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
}
