package io.chatload.journey;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.chatload.config.AfterReconnect;
import io.chatload.config.AuthMode;
import io.chatload.config.ConfigurationException;
import io.chatload.config.RunSettings;
import io.chatload.config.TargetSettings;
import io.chatload.config.WsAuth;
import io.chatload.contract.AgentEvent;
import io.chatload.guard.FailureBackoff;
import io.chatload.guard.OutcomeWindow;
import io.chatload.guard.Watched;
import io.chatload.injector.EventLoopLag;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.http.WsFrameCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The golden path written once, as small named chains every simulation reuses:
 * identify → login → connect → chat turn (await the five events) → think → ... → close.
 */
public final class ChatJourney {
  /** The request the SLA's whole-journey threshold applies to: login → first agent_completed. */
  public static final String JOURNEY = "journey";
  /** The request that counts cross-user leaks: one per review of a socket, KO when one was found. */
  public static final String ISOLATION = "isolation";

  static final String USERS_FEEDER = "feeders/users.csv";
  static final String PROMPTS_FEEDER = "feeders/prompts.csv";
  static final String CONVERSATION = "conversation";
  /** The stripe of identities a virtual user takes its own from (Identities). */
  private static final String STRIPE = "identityStripe";
  static final String TOKEN = "accessToken";
  static final String REFRESH_TOKEN = "refreshToken";
  /** The access token's subject: the user id the platform's frames name. */
  static final String TOKEN_SUBJECT = "accessTokenSubject";
  /** Epoch ms after which the access token is renewed before the next turn or reconnect. */
  static final String TOKEN_RENEW_AT = "accessTokenRenewAt";
  /** The request that renews an access token nearing its expiry. */
  public static final String REFRESH = "refresh";
  private static final String JOURNEY_START = "journeyStart";
  /** The name of the user's chat socket in its session (a reconnect replaces it). */
  static final String SOCKET = "chat";
  private static final String TURN_DONE = "turnDone";
  private static final String ATTEMPT = "reconnectAttempt";
  private static final String LOST_AT = "socketLostAt";
  /** When the step being timed for the auto-stop's window began (epoch ms). */
  private static final String STEP_START = "stepStart";
  /** The HTTP status of the last login or health check; absent when the target did not answer. */
  static final String HTTP_STATUS = "httpStatus";

  private final RunSettings run;
  private final TargetSettings target;
  private final StatsRecorder recorder = new StatsRecorder();
  private final OutcomeWindow outcomes = new OutcomeWindow();
  private final FrameTally frames = new FrameTally();
  /** How each user obtains and renews its access token. */
  private final AccessTokens tokens;
  /** The pre-flight's turn on the account of this injector's first user, once made (TargetLifecycle). */
  private volatile Conversation.EarlierTurn preflightTurn;
  private final FailureBackoff backoff;
  private final String[] prompts;
  private final Identities identities;
  /**
   * This injector's stripes of identities, sharded: on Gatling Enterprise each load generator gets a
   * contiguous block of the records (a no-op elsewhere, where -Dinjector.index/count chose the block).
   */
  private final FeederBuilder<Object> stripes;

  public ChatJourney(RunSettings run) {
    this.run = run;
    this.target = run.target();
    this.tokens = new AccessTokens(target);
    this.identities = new Identities(USERS_FEEDER, target.generatedUserPassword().reveal());
    this.stripes = listFeeder(Identities.stripeRecords(run.share(), STRIPE)).shard();
    this.prompts = readPrompts(PROMPTS_FEEDER);
    this.backoff = new FailureBackoff(run.load().thinkMin(), run.load().thinkMax(), FailureBackoff.MAX);
  }

  /** Users whose step fails wait before they end until {@code epochMillis} (a closed model's injection end). */
  public void backOffFailedUsersUntil(long epochMillis) {
    backoff.armUntil(epochMillis);
  }

  /** Every login, connect, chat turn and health check of the run, as they end: what the auto-stop judges. */
  public OutcomeWindow outcomes() {
    return outcomes;
  }

  public HttpProtocolBuilder protocol() {
    return http.disableWarmUp()
        .acceptHeader("application/json")
        .userAgentHeader("chat-loadtest (Gatling)")
        // frames that arrive while no check waits are kept for reviewBetweenTurns
        .wsUnmatchedInboundMessageBufferSize(64)
        // the payload dialect's server keeps the socket alive with {"type":"ping"} and expects a pong
        .wsAutoReplyTextFrame(frame -> frame.length() < 64 && frame.contains("\"ping\"") ? "{\"type\":\"pong\"}" : null);
  }

  /** What this run's frame checks saw beyond OK and KO: judged, excused and injector-explainable frames, leaks. */
  public FrameTally frames() {
    return frames;
  }

  public StatsRecorder recorder() {
    return recorder;
  }

  // ---- the chains ----

  /** Each virtual user is a distinct platform user, of this injector's share: a stripe, then the stripe's next identity. */
  public ChainBuilder identify() {
    return feed(stripes.circular()).exec(session -> session.setAll(identities.next(session.getInt(STRIPE)).attributes()));
  }

  /**
   * The pre-flight's user: the first identity of this injector's first stripe, as Gatling's sharded
   * feeder gives it to this injector (the first virtual user logs in as the same user, after it).
   */
  public Identities.Identity preflightIdentity() {
    return preflightIdentityOfShare();
  }

  /**
   * The pre-flight's turn, made as the same account the load's first user logs in as: that user's
   * conversation remembers its thread and runs as an earlier turn of its own.
   */
  public void carryOver(Conversation.EarlierTurn preflightTurn) {
    this.preflightTurn = preflightTurn;
  }

  private Identities.Identity preflightIdentityOfShare() {
    // read without the circular strategy, which never ends
    return identities.first((Integer) stripes.readRecords().get(0).get(STRIPE));
  }

  private Conversation withEarlierTurn(Conversation c) {
    Conversation.EarlierTurn before = preflightTurn;
    if (before != null && before.userId().equals(c.userId())) {
      c.rememberEarlierTurn(before);
    }
    return c;
  }

  /** Obtains an access token the way the target's auth mode says, then opens the conversation. */
  public ChainBuilder login() {
    return exec(session -> session.set(STEP_START, System.currentTimeMillis()).remove(HTTP_STATUS))
        .exec(tokens.obtain("login"))
        .exec(session -> {
          if (target.auth() != AuthMode.MINT) {
            recordAnswered(session);
            recordOutcome(session, Watched.LOGIN);
          }
          return session;
        })
        .doIf(session -> !session.isFailed()).then(
        exec(session -> session.set(CONVERSATION,
            withEarlierTurn(new Conversation(session.getString(TOKEN_SUBJECT), run.sla(), target.message(), frames, target.sharedUser())))));
  }

  /**
   * Renews the access token when it nears its expiry (the real one lives 15 min in production, 30 in
   * staging): {@code POST /auth/refresh} with the refresh token, recorded as "refresh" — a refused
   * refresh is its KO and ends the user; minted tokens are minted afresh; without a refresh token the
   * user logs in again. Put before every turn and every reconnect: the handshake needs a live token.
   */
  public ChainBuilder keepTokenFresh() {
    return tokens.keepFresh();
  }

  /** Opens the WebSocket with the JWT and awaits the welcome. */
  public ChainBuilder connect() {
    return exec(session -> session.set(STEP_START, System.currentTimeMillis()))
        .exec(wsConnect()
            .await(Duration.ofMillis(run.sla().welcomeTimeoutMs()))
            .on(welcomeCheck()))
        .exec(session -> recordOutcome(session, Watched.CONNECT));
  }

  /** The WebSocket handshake with the JWT, as the target's auth mode says. */
  private io.gatling.javaapi.http.WsConnectActionBuilder wsConnect() {
    var connect = ws("connect").wsName(SOCKET).connect(target.wsUrl().toString());
    if (target.wsAuth() == WsAuth.HEADER) {
      return connect.header("Authorization", "Bearer #{" + TOKEN + "}");
    }
    return connect.subprotocol(session -> "jwt." + base64Url(session.getString(TOKEN)) + ", jwt-auth");
  }

  private WsFrameCheck welcomeCheck() {
    return ws.checkTextMessage("welcome")
        .matching(bodyString().transformWithSession((frame, s) -> conversation(s).consumesWelcome(frame)).is(true))
        .check(contractCheck("welcome"));
  }

  /** The check awaiting {@code event}: named after it, so the report shows each event's own row. */
  private WsFrameCheck eventCheck(AgentEvent event) {
    return ws.checkTextMessage(event.wireName())
        .matching(bodyString().transformWithSession((frame, s) -> conversation(s).consumes(frame, event)).is(true))
        .check(contractCheck(event.wireName()));
  }

  /**
   * Sends one user message on a fresh thread and awaits the five agent events, each a check named
   * after its event so the report shows each one's latency from the send.
   */
  public ChainBuilder chatTurn() {
    List<WsFrameCheck> checks = new ArrayList<>();
    for (AgentEvent event : AgentEvent.values()) {
      checks.add(eventCheck(event));
    }
    return exec(reviewBetweenTurns(session -> session.set(STEP_START, System.currentTimeMillis())))
        .exec(ws(Watched.TURN).wsName(SOCKET)
            .sendText(session -> conversation(session).beginTurn(randomPrompt()))
            .await(Duration.ofMillis(run.sla().turnTimeoutMs()))
            .on(checks.toArray(WsFrameCheck[]::new)))
        .exec(session -> recordOutcome(session, Watched.TURN));
  }

  /**
   * Frames that arrived while no check was waiting (between turns) are judged too, before every
   * turn and at the close. A frame of another user or run is an "isolation" KO ("cross-user leak:
   * ...") where it is found; each user's first review, before its first turn, is one "isolation" OK
   * when it finds none, so zero leaks is an SLA every run can assert (and the request exists as soon
   * as a user chats: an assertion on a missing request fails); any other breach is recorded as a KO
   * named "stray frame". One OK per user, not per turn: every record is a message to Gatling's data
   * writers, and their wake-ups cost the injector more CPU than the writing.
   */
  public ChainBuilder reviewBetweenTurns() {
    return reviewBetweenTurns(session -> session);
  }

  /** As {@link #reviewBetweenTurns()}, then {@code andThen} on the session, in the same step. */
  private ChainBuilder reviewBetweenTurns(Function<Session, Session> andThen) {
    return exec(ws.processUnmatchedMessages(SOCKET, (messages, session) -> {
      List<String> frames = new ArrayList<>(messages.size());
      for (WsInboundMessage m : messages) {
        if (m instanceof WsInboundMessage.Text) {
          frames.add(((WsInboundMessage.Text) m).message());
        }
      }
      long now = System.currentTimeMillis();
      Conversation conversation = conversation(session);
      boolean leak = false;
      for (Breach problem : conversation.reviewBetweenTurns(frames)) {
        leak |= problem.isLeak();
        recorder.ko(session, problem.isLeak() ? ISOLATION : "stray frame", now, now, problem.kind());
      }
      if (!leak && conversation.beforeFirstTurn()) {
        recorder.ok(session, ISOLATION, now, now);
      }
      return andThen.apply(session);
    }));
  }

  public ChainBuilder close() {
    return exec(reviewBetweenTurns()).exec(ws("close").wsName(SOCKET).close());
  }

  /** Marks the start of the journey: the SLA's whole journey runs from here to agent_completed. */
  public ChainBuilder startJourney() {
    return exec(recorder.attach(), EventLoopLag.attach()).exec(session -> session.set(JOURNEY_START, System.currentTimeMillis()));
  }

  /**
   * Records the journey (login → first agent_completed) as the request "journey" — OK, or KO when a
   * step failed — and ends a user whose journey failed.
   */
  public ChainBuilder endJourney() {
    return endJourney(session -> null);
  }

  /** As {@link #endJourney()}, also recording it under the name {@code alsoAs} gives (if not null). */
  public ChainBuilder endJourney(Function<Session, String> alsoAs) {
    return exec(session -> {
          long start = session.getLong(JOURNEY_START);
          long now = System.currentTimeMillis();
          String extra = alsoAs.apply(session);
          if (session.isFailed()) {
            Conversation c = session.contains(CONVERSATION) ? conversation(session) : null;
            String step = c == null ? "login" : c.lastProblem() == null ? "a step timed out or the socket closed" : c.lastProblem();
            recorder.ko(session, JOURNEY, start, now, "journey failed: " + step);
            if (extra != null) {
              recorder.ko(session, extra, start, now, "journey failed: " + step);
            }
          } else {
            recorder.ok(session, JOURNEY, start, now);
            if (extra != null) {
              recorder.ok(session, extra, start, now);
            }
            backoff.succeeded(start);
          }
          return session;
        })
        .exec(backOffIfFailed());
  }

  /**
   * Ends a user whose step failed, but only after a back-off that grows while failures go on
   * ({@link FailureBackoff}): a closed model replaces an ended user at once, so ending at once
   * would turn a failing platform into a retry storm.
   */
  public ChainBuilder backOffIfFailed() {
    return doIf(Session::isFailed).then(pause(session -> backoff.failed())).exitHereIfFailed();
  }

  /** Login, connect and the first chat turn, timed as the journey; a user whose journey fails ends. */
  public ChainBuilder firstJourney(Function<Session, String> alsoAs) {
    return exec(identify(), startJourney())
        .exec(login()).doIf(Session::isFailed).then(endJourney(alsoAs))
        .exec(connect()).doIf(Session::isFailed).then(endJourney(alsoAs))
        .exec(chatTurn(), endJourney(alsoAs));
  }

  /** More chat turns with think time between them; a user whose turn fails ends. */
  public ChainBuilder moreTurns(int turns) {
    var load = run.load();
    // only a renewal can fail before the turn: its back-off stays inside it (two steps less per turn)
    return repeat(turns).on(pause(load.thinkMin(), load.thinkMax()), AccessTokens.whenNearsExpiry(exec(tokens.renew(), backOffIfFailed())),
        chatTurn(), backOffIfFailed());
  }

  /** The golden path for one user: the sentence every simulation's scenario is made of. */
  public ScenarioBuilder goldenPath(String name) {
    return scenario(name)
        .exec(firstJourney(session -> null))
        .exec(moreTurns(run.load().turns() - 1))
        .exec(close());
  }

  /**
   * A chat turn that survives a lost socket: when the turn fails without breaking the contract
   * (the socket closed or went silent), the user closes it, waits {@code backoff} and reconnects, up
   * to {@code backoff.attempts()} times. With {@code -Dreconnect=replay} (the default) the new socket
   * awaits the rest of the interrupted run — the events not received yet, in order, each checked like
   * any other — as the platform's message buffer promises; with {@code resend} (or when not even
   * agent_started had arrived, so no run is known to exist) the turn is sent again. The time from the
   * loss to the turn's agent_completed is recorded as "recovery"; a socket that never recovers is a
   * "recovery" KO and ends that user. A resumed run also records "replay" (reconnect → first event of
   * the run), "lost" (one KO per event that never came, one OK for a run that lost none) and
   * "duplicated" (one KO per event delivered twice, one OK for a run with none). A turn that is not
   * recovered leaves the session failed: the caller ends the journey or backs off ({@link #endJourney()},
   * {@link #backOffIfFailed()}).
   */
  public ChainBuilder resilientTurn(Backoff backoff) {
    boolean replay = run.afterReconnect() == AfterReconnect.REPLAY;
    ChainBuilder reconnect = replay
        ? doIfOrElse(session -> conversation(session).firstMissing() != null).then(resumeTurn()).orElse(connect())
        : connect();
    return exec(session -> {
          if (replay) {
            conversation(session).trackDuplicates();
          }
          return session.set(TURN_DONE, false).set(ATTEMPT, 0).remove(LOST_AT).remove(RESUMED_AT);
        })
        .asLongAs(session -> !session.getBoolean(TURN_DONE) && session.getInt(ATTEMPT) <= backoff.attempts()).on(
            doIf(session -> session.getInt(ATTEMPT) > 0).then(
                exec(ws("close").wsName(SOCKET).close())
                .exec(session -> session.markAsSucceeded().remove(SOCKET))
                .pause(session -> backoff.delay(session.getInt(ATTEMPT)))
                .exec(keepTokenFresh())
                .doIf(session -> !session.isFailed()).then(reconnect)),
            doIf(session -> !session.isFailed() && !session.contains(RESUMED_AT)).then(chatTurn()),
            exec(session -> {
              long now = System.currentTimeMillis();
              Conversation c = conversation(session);
              boolean resumed = session.contains(RESUMED_AT);
              if (!session.isFailed()) {
                if (resumed) {
                  recordDelivery(session, c, now, c.lostEvents(false));
                }
                if (session.contains(LOST_AT)) {
                  recorder.ok(session, RECOVERY, session.getLong(LOST_AT), now);
                }
                return session.set(TURN_DONE, true);
              }
              boolean waitedItOut = resumed && now - session.getLong(RESUMED_AT) >= session.getLong(RESUME_WAIT);
              List<AgentEvent> lost = resumed ? c.lostEvents(waitedItOut && !c.turnBrokeContract()) : List.of();
              if (!lost.isEmpty()) {
                // the resumed socket showed the rest of the run will never come: lost, not late
                recordDelivery(session, c, now, lost);
                recorder.ko(session, RECOVERY, session.getLong(LOST_AT), now,
                    "interrupted run not delivered after the reconnect: " + lost.size() + " of its events lost");
                return session.set(TURN_DONE, true);
              }
              if (c.turnBrokeContract()) {
                return session.set(TURN_DONE, true); // not a lost socket: nothing to recover
              }
              c.socketLost(now);
              Session away = session.contains(LOST_AT) ? session : session.set(LOST_AT, now);
              return away.markAsSucceeded().set(ATTEMPT, session.getInt(ATTEMPT) + 1);
            }))
        .doIf(session -> !session.getBoolean(TURN_DONE)).then(
            exec(session -> {
              recorder.ko(session, RECOVERY, session.getLong(LOST_AT), System.currentTimeMillis(),
                  "socket not recovered after " + backoff.attempts() + " reconnect attempts");
              return session.markAsFailed();
            }));
  }

  /**
   * Reconnects and awaits, after the welcome, the events of the interrupted run not received yet —
   * for as long as the turn's timeout had left when the socket was lost (at least the welcome's).
   */
  private ChainBuilder resumeTurn() {
    var byFirstMissing = new ArrayList<io.gatling.javaapi.core.Choice.WithKey>();
    for (AgentEvent from : AgentEvent.values()) {
      List<WsFrameCheck> checks = new ArrayList<>();
      checks.add(welcomeCheck());
      for (AgentEvent e : AgentEvent.values()) {
        if (e.ordinal() >= from.ordinal()) {
          checks.add(eventCheck(e));
        }
      }
      byFirstMissing.add(onCase(from).then(exec(wsConnect()
          .await(session -> Duration.ofMillis(session.getLong(RESUME_WAIT)))
          .on(checks.toArray(WsFrameCheck[]::new)))));
    }
    return exec(session -> {
          long now = System.currentTimeMillis();
          Conversation c = conversation(session);
          c.resuming(now);
          long wait = Math.max(run.sla().welcomeTimeoutMs(), c.remainingTurnMs(run.sla().turnTimeoutMs()));
          return session.set(RESUMED_AT, now).set(RESUME_WAIT, wait);
        })
        .exec(doSwitch(session -> conversation(session).firstMissing()).on(byFirstMissing));
  }

  /** The rows of a resumed run: replay, lost and duplicated. */
  private void recordDelivery(Session session, Conversation c, long now, List<AgentEvent> lost) {
    long resumedAt = session.getLong(RESUMED_AT);
    if (c.firstReplayedAt() > 0) {
      recorder.ok(session, REPLAY, resumedAt, c.firstReplayedAt());
    } else {
      recorder.ko(session, REPLAY, resumedAt, now, "nothing of the interrupted run arrived after the reconnect");
    }
    if (lost.isEmpty()) {
      recorder.ok(session, LOST, resumedAt, now);
    }
    for (AgentEvent e : lost) {
      recorder.ko(session, LOST, resumedAt, now, Conversation.LOST + ": " + e.wireName());
    }
    List<Breach> duplicates = c.takeDuplicates();
    if (duplicates.isEmpty()) {
      recorder.ok(session, DUPLICATED, resumedAt, now);
    }
    for (Breach d : duplicates) {
      frames.koSamples().record(d);
      recorder.ko(session, DUPLICATED, resumedAt, now, d.kind());
    }
  }

  /**
   * A user that sends faster than the platform allows: {@code limit + over} messages, one after
   * another, each awaiting its first answer ({@link RateLimitProbe}). The first {@code limit} must
   * each start a run ("burst accepted"); every one beyond must get the platform's rate-limit answer
   * and start no run ("rate limited": one per over-limit message). A run that begins after the burst
   * without a message within the limit is a "rate limited" KO too.
   */
  public ChainBuilder overLimitBurst(int limit, int over) {
    WsFrameCheck accepted = ws.checkTextMessage(BURST_ACCEPTED)
        .matching(bodyString().transformWithSession((frame, s) -> probe(s).takes(frame)).is(true))
        .check(bodyString().validate(BURST_ACCEPTED, (frame, s) -> verdictOrThrow(probe(s).verdict(frame))));
    WsFrameCheck limited = ws.checkTextMessage(RATE_LIMITED)
        .matching(bodyString().transformWithSession((frame, s) -> probe(s).takes(frame)).is(true))
        .check(bodyString().validate(RATE_LIMITED, (frame, s) -> verdictOrThrow(probe(s).verdict(frame))));
    Duration answerWithin = Duration.ofMillis(run.sla().timeoutMs(AgentEvent.AGENT_STARTED));
    return exec(session -> session.set(PROBE, new RateLimitProbe(limit)))
        .repeat(limit + over).on(
            exec(session -> session.set(OVER_LIMIT, probe(session).send()))
            .doIfOrElse(session -> session.getBoolean(OVER_LIMIT)).then(
                exec(ws(BURST_MESSAGE).wsName(SOCKET).sendText(session -> conversation(session).beginTurn(randomPrompt()))
                    .await(answerWithin).on(limited)))
            .orElse(
                exec(ws(BURST_MESSAGE).wsName(SOCKET).sendText(session -> conversation(session).beginTurn(randomPrompt()))
                    .await(answerWithin).on(accepted)))
            .exec(session -> session.markAsSucceeded())) // each message is judged on its own
        .pause(answerWithin)
        .exec(ws.processUnmatchedMessages(SOCKET, (messages, session) -> {
          List<String> frames = new ArrayList<>(messages.size());
          for (WsInboundMessage m : messages) {
            if (m instanceof WsInboundMessage.Text) {
              frames.add(((WsInboundMessage.Text) m).message());
            }
          }
          String late = probe(session).lateRunIn(frames);
          if (late != null) {
            long now = System.currentTimeMillis();
            recorder.ko(session, RATE_LIMITED, now, now, late);
          }
          return session;
        }));
  }

  private static String verdictOrThrow(String problem) {
    if (problem != null) {
      throw new ContractBreach(problem);
    }
    return "ok";
  }

  private static RateLimitProbe probe(Session session) {
    return (RateLimitProbe) session.get(PROBE);
  }

  /** A message within the platform's per-user limit, sent in a burst: it must start a run. */
  public static final String BURST_ACCEPTED = "burst accepted";
  /** A message over the platform's per-user limit: it must get the rate-limit answer and start no run. */
  public static final String RATE_LIMITED = "rate limited";
  /** The send of a burst's message (its answer is judged under one of the two names above). */
  private static final String BURST_MESSAGE = "burst message";
  private static final String PROBE = "rateLimitProbe";
  private static final String OVER_LIMIT = "overLimit";

  /** The request name of the time from a reconnect to the first event of the interrupted run it delivered. */
  public static final String REPLAY = "replay";
  /** One KO per event of an interrupted run that never arrived after the reconnect. */
  public static final String LOST = "lost";
  /** One KO per event of an interrupted run delivered twice. */
  public static final String DUPLICATED = "duplicated";
  private static final String RESUMED_AT = "resumedAt";
  private static final String RESUME_WAIT = "resumeWaitMs";

  /** The request name of the time a lost socket took to be recovered. */
  public static final String RECOVERY = "recovery";

  /**
   * A separate user that probes {@code /health} every {@code interval} while the load runs: the
   * platform must stay healthy (or degraded) and answer fast under load.
   */
  /** What {@code /health} answers while the platform serves, across its releases (PROTOCOL.md). */
  public static final List<String> UP_STATUSES = List.of("ok", "healthy", "degraded", "ready");

  /** The health probe's scenario name (its single user is not part of the load). */
  public static final String HEALTH_PROBE = "health probe";

  public ScenarioBuilder healthProbe(Duration duration, Duration interval) {
    return scenario(HEALTH_PROBE)
        .during(duration).on(
            exec(session -> session.set(STEP_START, System.currentTimeMillis()).remove(HTTP_STATUS))
            .exec(http("health").get(target.healthUrl())
                .check(status().saveAs(HTTP_STATUS), status().is(200), jmesPath("status").in(UP_STATUSES)))
            .exec(session -> {
              recordAnswered(session);
              // each probe is judged on its own: a failed one must not fail the next
              return recordOutcome(session, Watched.HEALTH).markAsSucceeded();
            })
            .pause(interval));
  }

  // ---- helpers ----

  /**
   * The prompts of {@code user-files/feeders/prompts.csv} (column {@code prompt}), read once. Each
   * turn picks one at random in place: a {@code feed} per turn hands every turn to Gatling's feeder
   * actor on another thread and back, which cost the injector as much CPU as writing the run's results.
   */
  static String[] readPrompts(String resource) {
    CsvFile file = CsvFile.read(resource)
        .orElseThrow(() -> new ConfigurationException("user-files/" + resource + " is missing: the prompts each chat turn sends"));
    int column = file.header.indexOf("prompt");
    if (column < 0) {
      throw new ConfigurationException("user-files/" + resource + " needs a column named 'prompt'; its header is " + file.header);
    }
    List<String> prompts = new ArrayList<>();
    for (CsvFile.Row row : file.rows) {
      if (column < row.cells().size() && !row.cells().get(column).isBlank()) {
        prompts.add(row.cells().get(column));
      }
    }
    if (prompts.isEmpty()) {
      throw new ConfigurationException("user-files/" + resource + " has no prompt: add at least one line under the header 'prompt'");
    }
    return prompts.toArray(String[]::new);
  }

  private String randomPrompt() {
    return prompts[ThreadLocalRandom.current().nextInt(prompts.length)];
  }

  /** Puts the step that just ended (started at STEP_START) into the auto-stop's window. */
  private Session recordOutcome(Session session, String name) {
    long now = System.currentTimeMillis();
    long start = session.contains(STEP_START) ? session.getLong(STEP_START) : now;
    outcomes.record(name, !session.isFailed(), now - start);
    return session;
  }

  /** Whether the target answered the request at all (any HTTP status), for the auto-stop. */
  private void recordAnswered(Session session) {
    outcomes.record(Watched.ANSWERED, session.contains(HTTP_STATUS), 0);
  }

  /**
   * Fails with the conversation's reason when the frame breaks the contract; a frame of another
   * user or run is also recorded as an "isolation" KO.
   */
  private CheckBuilder contractCheck(String name) {
    return bodyString().validate(name, (frame, s) -> {
      Breach problem = conversation(s).breachOf(frame);
      if (problem != null) {
        if (problem.isLeak()) {
          long now = System.currentTimeMillis();
          recorder.ko(s, ISOLATION, now, now, problem.kind());
        }
        throw new ContractBreach(problem.kind());
      }
      return frame;
    }).name(name);
  }

  static Conversation conversation(Session session) {
    return (Conversation) session.get(CONVERSATION);
  }

  static String base64Url(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }
}
