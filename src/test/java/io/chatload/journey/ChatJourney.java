package io.chatload.journey;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.config.AuthMode;
import io.chatload.config.RunSettings;
import io.chatload.config.TargetSettings;
import io.chatload.config.WsAuth;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.contract.JwtTokens;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.WsFrameCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The golden path written once, as small named chains every simulation reuses:
 * identify → login → connect → chat turn (await the five events) → think → ... → close.
 */
public final class ChatJourney {
  /** The group the SLA's whole-journey threshold applies to: login → first agent_completed. */
  public static final String JOURNEY_GROUP = "journey";

  static final String CONVERSATION = "conversation";
  static final String TOKEN = "accessToken";
  private static final String STRAY_NAME = "strayName";
  private static final String STRAY_REASON = "strayReason";

  private final RunSettings run;
  private final TargetSettings target;

  public ChatJourney(RunSettings run) {
    this.run = run;
    this.target = run.target();
  }

  public HttpProtocolBuilder protocol() {
    return http.disableWarmUp()
        .acceptHeader("application/json")
        .userAgentHeader("chat-loadtest (Gatling)")
        // frames that arrive while no check waits are kept for reviewBetweenTurns
        .wsUnmatchedInboundMessageBufferSize(64);
  }

  // ---- the chains ----

  /** Each virtual user is a distinct platform user. */
  public ChainBuilder identify() {
    return feed(new Identities("feeders/users.csv", 1));
  }

  /** Obtains an access token the way the target's auth mode says, then opens the conversation. */
  public ChainBuilder login() {
    ChainBuilder token;
    if (target.auth() == AuthMode.LOGIN) {
      token =
          exec(http("login").post(target.loginUrl())
              .body(StringBody(ChatJourney::loginBody)).asJson()
              .check(status().is(200), jmesPath("access_token").ofString().saveAs(TOKEN)));
    } else if (target.auth() == AuthMode.E2E_BYPASS) {
      String key = target.bypassKey().orElseThrow().reveal();
      token =
          exec(http("login").post(target.testAuthUrl())
              .header("X-E2E-Bypass-Key", session -> key)
              .body(StringBody(ChatJourney::testAuthBody)).asJson()
              .check(status().is(200), jmesPath("access_token").ofString().saveAs(TOKEN)));
    } else {
      JwtTokens minter = new JwtTokens(target.jwtSecret().orElseThrow().reveal());
      token = exec(session -> {
        String email = session.getString("email");
        String userId = email.substring(0, email.indexOf('@'));
        return session.set(TOKEN, minter.mintAccess(userId, email, Instant.now()));
      });
    }
    return token.exitHereIfFailed()
        .exec(session -> session.set(CONVERSATION, new Conversation(subjectOf(session.getString(TOKEN)), run.sla())));
  }

  /** Opens the WebSocket with the JWT and awaits the welcome. */
  public ChainBuilder connect() {
    var connect = ws("connect").connect(target.wsUrl().toString());
    if (target.wsAuth() == WsAuth.HEADER) {
      connect = connect.header("Authorization", "Bearer #{" + TOKEN + "}");
    } else {
      connect = connect.subprotocol(session -> "jwt." + base64Url(session.getString(TOKEN)) + ", jwt-auth");
    }
    return exec(connect
            .await(Duration.ofMillis(run.sla().welcomeTimeoutMs()))
            .on(ws.checkTextMessage("welcome")
                .matching(bodyString().transformWithSession((frame, s) -> conversation(s).consumesWelcome(frame)).is(true))
                .check(bodyString().validate("welcome", (frame, s) -> conversation(s).verdict(frame)))))
        .exitHereIfFailed();
  }

  /**
   * Sends one user message on a fresh thread and awaits the five agent events, each a check named
   * after its event so the report shows each one's latency from the send.
   */
  public ChainBuilder chatTurn() {
    List<WsFrameCheck> checks = new ArrayList<>();
    for (AgentEvent event : AgentEvent.values()) {
      checks.add(ws.checkTextMessage(event.wireName())
          .matching(bodyString().transformWithSession((frame, s) -> conversation(s).consumes(frame, event)).is(true))
          .check(bodyString().validate(event.wireName(), (frame, s) -> conversation(s).verdict(frame))));
    }
    return exec(reviewBetweenTurns())
        .feed(csv("feeders/prompts.csv").random())
        .exec(ws("chat turn")
            .sendText(session -> conversation(session).beginTurn(session.getString("prompt")))
            .await(Duration.ofMillis(run.sla().turnTimeoutMs()))
            .on(checks.toArray(WsFrameCheck[]::new)))
        // a failed turn leaves the socket in an unknown state: this user stops, its socket is closed
        .exitHereIfFailed();
  }

  /**
   * Frames that arrived while no check was waiting (between turns) are judged too; a foreign one
   * becomes a KO named "cross-user leak", any other breach a KO named "stray frame".
   */
  public ChainBuilder reviewBetweenTurns() {
    return exec(ws.processUnmatchedMessages((messages, session) -> {
          List<String> frames = new ArrayList<>(messages.size());
          for (var m : messages) {
            if (m instanceof io.gatling.http.action.ws.WsInboundMessage.Text) {
              frames.add(((io.gatling.http.action.ws.WsInboundMessage.Text) m).message());
            }
          }
          List<String> problems = conversation(session).reviewBetweenTurns(frames);
          if (problems.isEmpty()) {
            return session;
          }
          String first = problems.get(0);
          String name = first.startsWith(Conversation.LEAK) ? Conversation.LEAK : "stray frame";
          String more = problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "";
          return session.set(STRAY_NAME, name).set(STRAY_REASON, first + more);
        }))
        .doIf(session -> session.contains(STRAY_NAME)).then(
            // make the breach a KO in the report: a ping whose pong check fails with the reason
            exec(ws("#{" + STRAY_NAME + "}").sendText(ChatJourney::pingFrame)
                .await(Duration.ofMillis(run.sla().welcomeTimeoutMs()))
                .on(ws.checkTextMessage("#{" + STRAY_NAME + "}")
                    .matching(jmesPath("type").is("pong"))
                    .check(bodyString().validate("between turns", (frame, s) -> {
                      throw new Conversation.FrameRejected(s.getString(STRAY_REASON));
                    }))))
            .exitHere());
  }

  public ChainBuilder close() {
    return exec(reviewBetweenTurns()).exec(ws("close").close());
  }

  /** The golden path for one user: the sentence every simulation's scenario is made of. */
  public ScenarioBuilder goldenPath(String name) {
    var load = run.load();
    return scenario(name)
        .exec(identify())
        .group(JOURNEY_GROUP).on(exec(login(), connect(), chatTurn()))
        .exec(repeat(load.turns() - 1).on(pause(load.thinkMin(), load.thinkMax()), chatTurn()))
        .exec(close());
  }

  // ---- helpers ----

  static Conversation conversation(Session session) {
    return (Conversation) session.get(CONVERSATION);
  }

  private static String loginBody(Session session) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("email", session.getString("email"));
    body.put("password", session.getString("password"));
    return body.toString();
  }

  private static String testAuthBody(Session session) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("email", session.getString("email"));
    body.put("name", session.getString("displayName"));
    var perms = body.putArray("permissions");
    JwtTokens.DEFAULT_PERMISSIONS.forEach(perms::add);
    return body.toString();
  }

  private static String pingFrame(Session session) {
    return "{\"type\":\"ping\",\"timestamp\":" + (System.currentTimeMillis() / 1000.0) + "}";
  }

  static String subjectOf(String jwt) {
    return JWT.decode(jwt).getSubject();
  }

  static String base64Url(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }
}
