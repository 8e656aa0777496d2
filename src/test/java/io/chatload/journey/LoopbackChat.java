package io.chatload.journey;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.config.AuthMode;
import io.chatload.config.InjectorShare;
import io.chatload.config.LoadSettings;
import io.chatload.config.RunSettings;
import io.chatload.config.TargetSettings;
import io.chatload.config.WsAuth;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.contract.JwtTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A run judged in-process, without a Gatling JVM: the settings read and the embedded target started
 * and pre-flighted as a simulation does ({@link RunSettings}, {@link TargetLifecycle}), then users
 * that walk {@link ChatJourney}'s golden path — login, socket, welcome, chat turns awaiting the five
 * events, the review of frames between turns — on the JDK's HTTP and WebSocket client. Every frame
 * is judged by the same {@link Conversation} the simulation's checks ask, in the same order (the
 * awaited check's {@code matching}, then its verdict; what no check took is reviewed before the next
 * turn and at the close), so each KO here is the KO the simulation's check would give. What Gatling
 * itself words (a timeout, a crashed socket, a refused login) is worded here in plain words.
 *
 * <p>For tests: loopback only, users and turns bounded by the caller, every wait bounded by the SLA's
 * timeouts.
 */
public final class LoopbackChat implements AutoCloseable {
  /** A KO as a run's error table would list it: the request (check) and its message. */
  public record Ko(String request, String message) {
    @Override
    public String toString() {
      return request + ": " + message;
    }
  }

  /** What a run of users gave: its KOs, and each awaited event's time from the send, per turn. */
  public record Result(List<Ko> kos, List<Map<AgentEvent, Long>> turnLatencies) {
    public boolean passed() {
      return kos.isEmpty();
    }

    /** Whether a KO's message contains {@code words}. */
    public boolean says(String words) {
      return kos.stream().anyMatch(k -> k.message().contains(words));
    }

    @Override
    public String toString() {
      return kos.isEmpty() ? "no KO" : kos.toString();
    }
  }

  private static final String PROMPT = "Why did our cloud spend go up last week?";

  private final RunSettings run;
  private final TargetLifecycle lifecycle;
  private final TargetSettings target;
  private final HttpClient http;
  private final Identities identities;
  /** The run's count of judged frames, one for all its users as ChatJourney keeps it. */
  private final FrameTally frames = new FrameTally();

  private LoopbackChat(RunSettings run, TargetLifecycle lifecycle) {
    this.run = run;
    this.lifecycle = lifecycle;
    this.target = lifecycle.effectiveTarget();
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
    lifecycle.embedded().clientTlsContext().ifPresent(b::sslContext);
    this.http = b.build();
    this.identities = new Identities(ChatJourney.USERS_FEEDER, target.generatedUserPassword().reveal());
  }

  /**
   * Reads {@code settings} ({@code target.*}, {@code sla}, {@code reference.*}: what -D would give a
   * simulation) for {@code simulation}, starts the embedded target and runs the pre-flight.
   *
   * @throws TargetLifecycle.PreflightFailed with the sentence the simulation would print
   */
  public static LoopbackChat start(String simulation, LoadSettings defaults, Map<String, String> settings) {
    Properties sys = new Properties();
    sys.setProperty(RunSettings.DEFAULT_TARGET_PROPERTY, "embedded");
    sys.putAll(settings);
    RunSettings run = RunSettings.load(sys, Map.of(), simulation, defaults);
    Map<String, String> reference = new HashMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith("reference.")) {
        reference.put(k, v);
      }
    });
    TargetLifecycle lifecycle = new TargetLifecycle(run.target(), run.sla(), reference);
    try {
      lifecycle.start();
    } catch (RuntimeException e) {
      lifecycle.close();
      throw e;
    }
    return new LoopbackChat(run, lifecycle);
  }

  public RunSettings settings() {
    return run;
  }

  /**
   * The load's users ({@code users}) at once, each its {@code turns} chat turns with its think time
   * between them: a Smoke- or MultiUserIsolation-shaped run (no ramp, no hold).
   */
  public Result run() throws InterruptedException {
    LoadSettings load = run.load();
    List<Ko> kos = Collections.synchronizedList(new ArrayList<>());
    List<Map<AgentEvent, Long>> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < load.users(); i++) {
      // one injector cycles through all the stripes, as ChatJourney.identify's feeder does
      Map<String, Object> identity = identities.next(i % InjectorShare.STRIPES).attributes();
      Thread t = new Thread(() -> new User(identity, kos, latencies).walk(load.turns(), load.thinkMin(), load.thinkMax()), "loopback-user-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    // bounded: login, welcome, every turn and think time at their limits, and a margin
    long bound = 10_000L + run.sla().welcomeTimeoutMs() + load.turns() * (run.sla().turnTimeoutMs() + load.thinkMax().toMillis());
    long end = System.currentTimeMillis() + bound;
    for (Thread t : threads) {
      t.join(Math.max(1, end - System.currentTimeMillis()));
      if (t.isAlive()) {
        throw new AssertionError(t.getName() + " still running after " + bound + " ms");
      }
    }
    return new Result(List.copyOf(kos), List.copyOf(latencies));
  }

  @Override
  public void close() {
    lifecycle.close();
  }

  /** One user: its own socket, its own Conversation, as one Gatling virtual user. */
  private final class User {
    private final Map<String, Object> identity;
    private final List<Ko> kos;
    private final List<Map<AgentEvent, Long>> latencies;
    private final Inbox inbox = new Inbox();
    /** Frames no check took: Gatling's unmatched-message buffer. */
    private final List<String> unmatched = new ArrayList<>();
    private Conversation conversation;
    private WebSocket socket;

    User(Map<String, Object> identity, List<Ko> kos, List<Map<AgentEvent, Long>> latencies) {
      this.identity = identity;
      this.kos = kos;
      this.latencies = latencies;
    }

    void walk(int turns, Duration thinkMin, Duration thinkMax) {
      try {
        String token = token();
        if (token == null) {
          return;
        }
        conversation = new Conversation(JWT.decode(token).getSubject(), run.sla(), target.message(), frames, target.sharedUser());
        if (!connect(token)) {
          return;
        }
        for (int turn = 0; turn < turns; turn++) {
          if (turn > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(thinkMin.toMillis(), thinkMax.toMillis() + 1));
          }
          if (!chatTurn()) {
            return;
          }
        }
        review();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        kos.add(new Ko("user", "crashed: " + e));
      } finally {
        if (socket != null) {
          socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
        }
      }
    }

    /** The access token as the target's auth mode gives it; null (and a login KO) when refused. */
    private String token() throws Exception {
      if (target.auth() == AuthMode.MINT) {
        String email = (String) identity.get("email");
        return new JwtTokens(target.jwtSecret().orElseThrow().reveal()).mintAccess(email.substring(0, email.indexOf('@')), email, Instant.now());
      }
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("email", (String) identity.get("email"));
      HttpRequest.Builder request;
      if (target.auth() == AuthMode.LOGIN) {
        body.put("password", (String) identity.get("password"));
        request = HttpRequest.newBuilder(URI.create(target.loginUrl()));
      } else {
        body.put("name", (String) identity.get("displayName"));
        var perms = body.putArray("permissions");
        JwtTokens.DEFAULT_PERMISSIONS.forEach(perms::add);
        request = HttpRequest.newBuilder(URI.create(target.testAuthUrl()))
            .header("X-E2E-Bypass-Key", target.bypassKey().orElseThrow().reveal());
      }
      HttpResponse<String> answer = http.send(request.header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode token = answer.statusCode() == 200 ? Json.MAPPER.readTree(answer.body()).get("access_token") : null;
      if (token == null) {
        kos.add(new Ko("login", "HTTP " + answer.statusCode()));
        return null;
      }
      return token.asText();
    }

    /** Opens the socket and awaits the welcome through {@link Conversation#consumesWelcome}. */
    private boolean connect(String token) throws InterruptedException {
      WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
      if (target.wsAuth() == WsAuth.HEADER) {
        b.header("Authorization", "Bearer " + token);
      } else {
        b.subprotocols("jwt." + ChatJourney.base64Url(token), "jwt-auth");
      }
      try {
        socket = b.buildAsync(target.wsUrl(), inbox).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        kos.add(new Ko("connect", "handshake failed: " + e.getCause()));
        return false;
      }
      return awaitCheck("welcome", run.sla().welcomeTimeoutMs(), conversation::consumesWelcome) != null;
    }

    /** One turn: the review, the message, then the five checks in order, each taking what it matches. */
    private boolean chatTurn() throws InterruptedException {
      review();
      long sent = System.currentTimeMillis();
      socket.sendText(conversation.beginTurn(PROMPT), true).join();
      long deadline = sent + run.sla().turnTimeoutMs();
      Map<AgentEvent, Long> latency = new EnumMap<>(AgentEvent.class);
      for (AgentEvent event : AgentEvent.values()) {
        Long at = awaitCheck(event.wireName(), deadline - System.currentTimeMillis(), frame -> conversation.consumes(frame, event));
        if (at == null) {
          return false;
        }
        latency.put(event, at - sent);
      }
      latencies.add(latency);
      return true;
    }

    /**
     * Feeds frames to the check {@code name} until its matching takes one; the verdict is the
     * Conversation's. Returns when it passed (epoch ms), or null after recording its KO.
     */
    private Long awaitCheck(String name, long timeoutMs, Predicate<String> matching) throws InterruptedException {
      long end = System.currentTimeMillis() + Math.max(0, timeoutMs);
      while (true) {
        Inbox.Item item = inbox.next(end);
        if (item == null) {
          kos.add(new Ko(name, "timeout awaiting " + name));
          return null;
        }
        if (item.text() == null) {
          kos.add(new Ko(name, "socket closed awaiting " + name + " (" + item.end() + ")"));
          return null;
        }
        String frame = item.text();
        if (!matching.test(frame)) {
          unmatched.add(frame);
          continue;
        }
        Breach breach = conversation.breachOf(frame);
        if (breach == null) {
          return System.currentTimeMillis();
        }
        if (breach.isLeak()) {
          kos.add(new Ko(ChatJourney.ISOLATION, breach.kind()));
        }
        kos.add(new Ko(name, breach.kind()));
        return null;
      }
    }

    /** The frames no check took, judged as {@link ChatJourney#reviewBetweenTurns()} judges them. */
    private void review() {
      inbox.drainTexts(unmatched);
      for (Breach b : conversation.reviewBetweenTurns(unmatched)) {
        kos.add(new Ko(b.isLeak() ? ChatJourney.ISOLATION : "stray frame", b.kind()));
      }
      unmatched.clear();
    }
  }
}
