package io.chatload.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.WsFrameCheck;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The peer comparison's "plain Gatling" (bench/peer-comparison.sh): the same journey as the suite's
 * golden path — login, WebSocket connect (JWT header) awaiting the welcome, then per turn one
 * {@code user_message} and await the five agent events, think 3–5 s — written the way a Gatling
 * user would by hand: every check matches only on the frame's {@code "type":"..."} substring, no
 * contract checks, no session objects. What Gatling itself costs per event on this journey.
 *
 * <p>{@code -Dtarget.backendUrl=http://127.0.0.1:18002 -Dusers=5000 -Dramp=10 -Dturns=14
 * -DthinkMin=3 -DthinkMax=5}; users arrive over {@code ramp} seconds (open model, like
 * {@code -Dinjection=at-once -Dramp}); distinct users {@code loadtest-<n>@example.com}.
 */
public class PlainGatlingChat extends Simulation {
  static final String[] EVENTS = {"agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"};

  private final String backend = System.getProperty("target.backendUrl", "http://127.0.0.1:18002");
  private final int users = Integer.getInteger("users", 100);
  private final int ramp = Integer.getInteger("ramp", 10);
  private final int turns = Integer.getInteger("turns", 14);
  private final int thinkMin = Integer.getInteger("thinkMin", 3);
  private final int thinkMax = Integer.getInteger("thinkMax", 5);
  private final int timeoutMs = Integer.getInteger("turnTimeoutMs", 30_000);

  // this run's own: ids never shared with another run in the same JVM
  private final AtomicLong nextUser = new AtomicLong(Long.getLong("bench.firstUser", 1_000_000));
  private final AtomicLong nextId = new AtomicLong();
  /** Thread ids must differ from every earlier run's against the same target: it refuses another user's thread. */
  private final String runTag = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

  private final Iterator<Map<String, Object>> identities = Stream.generate(() -> {
    long n = nextUser.getAndIncrement();
    return Map.<String, Object>of("email", "loadtest-" + n + "@example.com");
  }).iterator();

  private static String loginBody(Session s) {
    return "{\"email\":\"" + s.getString("email") + "\",\"password\":\"loadtest-password\"}";
  }

  private String userMessage(Session s) {
    long id = nextId.incrementAndGet();
    String thread = "thread_plain_" + runTag + "_" + id;
    return "{\"type\":\"user_message\",\"payload\":{\"content\":\"What is the weather like in Paris today?\",\"thread_id\":\"" + thread
        + "\"},\"timestamp\":" + System.currentTimeMillis() / 1000.0 + ",\"message_id\":\"msg_plain_" + runTag + "_" + id + "\",\"thread_id\":\"" + thread + "\"}";
  }

  private static WsFrameCheck typeIs(String type) {
    return ws.checkTextMessage(type).matching(substring("\"type\":\"" + type + "\""));
  }

  private ChainBuilder turn() {
    WsFrameCheck[] checks = Stream.of(EVENTS).map(PlainGatlingChat::typeIs).toArray(WsFrameCheck[]::new);
    return exec(ws("chat turn").sendText(this::userMessage).await(Duration.ofMillis(timeoutMs)).on(checks));
  }

  private final ScenarioBuilder chat = scenario("plain gatling chat")
      .feed(identities)
      .exec(http("login").post(backend + "/auth/login").body(StringBody(PlainGatlingChat::loginBody)).asJson()
          .check(status().is(200), jmesPath("access_token").saveAs("token")))
      .exitHereIfFailed()
      .exec(ws("connect").connect(backend.replaceFirst("^http", "ws") + "/ws").header("Authorization", "Bearer #{token}")
          // the welcome: {"type":"system_message","data":{"event":"connection_established",...}}
          .await(Duration.ofSeconds(5)).on(ws.checkTextMessage("welcome").matching(substring("\"connection_established\""))))
      .exitHereIfFailed()
      .exec(turn())
      .exitHereIfFailed()
      .repeat(turns - 1).on(pause(Duration.ofSeconds(thinkMin), Duration.ofSeconds(thinkMax)), turn(), exitHereIfFailed())
      .exec(ws("close").close());

  {
    setUp(chat.injectOpen(rampUsers(users).during(Duration.ofSeconds(ramp))))
        .protocols(http.disableWarmUp().acceptHeader("application/json"))
        .maxDuration(Duration.ofSeconds(ramp + 30L + turns * (thinkMax + timeoutMs / 1000L)));
  }
}
