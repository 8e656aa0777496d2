package io.chatload.journey;

import io.chatload.config.MessageStyle;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Dialect;
import io.chatload.contract.MessageTypes;
import io.chatload.injector.InjectorLateness;
import io.chatload.sla.SlaSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What one virtual user knows about its socket: who it is, the chat turn in progress and the
 * threads and runs it had before. Every server frame passes through here exactly once, parsed once:
 * Gatling's {@code matching} asks {@link #consumes} whether the awaited check should take the frame
 * (the awaited event, or anything that breaks the contract), and the check then asks
 * {@link #problemOf} for the outcome computed on the same parse. Frames that arrive between turns are
 * judged by {@link #reviewBetweenTurns}.
 *
 * <p>A frame is judged on the identity fields it carries, whichever dialect wrote it: another
 * user's {@code user_id}, a thread this user never had, or a run that is neither this turn's nor an
 * earlier one of this user is a KO saying "cross-user leak". A field the dialect does not send is
 * never held against it, and a thread the server chose (for {@code start_agent}, or named in the run
 * id of the turn's agent_started, {@code thread_<tid>_run_...}) is not a leak.
 *
 * <p>Not thread-safe, and needs not be: Gatling handles one virtual user's frames one at a time.
 */
public final class Conversation {
  static final String LEAK = "cross-user leak";
  private static final int REMEMBERED = 32;

  private final String userId;
  private final SlaSpec sla;
  private final LongSupplier clock;
  /** What of a late frame this injector's own lateness excuses. */
  private final InjectorExcuse excuse;
  /** The run's counts of judged, excused and injector-explainable frames, and of leaks. */
  private final FrameTally tally;
  private final MessageStyle style;
  /** The platform makes every socket one user (demo mode, -Dtarget.sharedUser=true): user_id is not judged. */
  private final boolean sharedUser;
  private final RecentIds earlierThreads = new RecentIds(REMEMBERED);
  private final RecentIds earlierRuns = new RecentIds(REMEMBERED);
  /** An earlier turn never learned its run: an unknown run may be that one's late frames. */
  private boolean anEarlierRunIsUnknown;
  private int turns;

  // the turn in progress
  private String threadId;
  private String runId;
  private long sentAt;
  private final long[] firstSeenAt = new long[AgentEvent.values().length];
  private AgentEvent arrivedEarly;
  private String executingTool;

  // the frame being judged: matching and check see the same String instance. Only its identity hash
  // is kept: this object lives as long as its user (old generation), and storing each young frame
  // into it cost the collector a remembered-set update per frame.
  private int judgedFrameId;
  private Breach judged;
  private Breach last;
  private boolean turnBrokeContract;

  // across a reconnect (ReconnectReplay): the turn whose socket was lost, resumed on the next socket
  private boolean tracksDuplicates;
  /** This turn's agent frames as received, to tell a replayed duplicate (tracked runs only). */
  private final List<String> turnFrames = new ArrayList<>();
  private final List<Breach> duplicates = new ArrayList<>();
  /** Events of the resumed run shown lost by what arrived instead (a later event, or the run's end). */
  private final List<AgentEvent> lostOnReplay = new ArrayList<>(5);
  private long lostAt;
  private long resumedAt;
  private long firstReplayedAt;

  public Conversation(String userId, SlaSpec sla) {
    this(userId, sla, MessageStyle.CONTRACT, new FrameTally());
  }

  public Conversation(String userId, SlaSpec sla, MessageStyle style, FrameTally tally) {
    this(userId, sla, style, System::currentTimeMillis, InjectorLateness.EVENT_LOOPS, tally);
  }

  public Conversation(String userId, SlaSpec sla, MessageStyle style) {
    this(userId, sla, style, new FrameTally());
  }

  /** As above; {@code sharedUser}: every user is one platform user, so isolation is judged on run and thread only. */
  public Conversation(String userId, SlaSpec sla, MessageStyle style, FrameTally tally, boolean sharedUser) {
    this(userId, sla, style, System::currentTimeMillis, InjectorLateness.EVENT_LOOPS, tally, sharedUser);
  }

  Conversation(String userId, SlaSpec sla, LongSupplier clock) {
    this(userId, sla, MessageStyle.CONTRACT, clock);
  }

  Conversation(String userId, SlaSpec sla, MessageStyle style, LongSupplier clock) {
    this(userId, sla, style, clock, InjectorLateness.NONE, new FrameTally());
  }

  Conversation(String userId, SlaSpec sla, MessageStyle style, LongSupplier clock, InjectorLateness injector, FrameTally tally) {
    this(userId, sla, style, clock, injector, tally, false);
  }

  Conversation(String userId, SlaSpec sla, MessageStyle style, LongSupplier clock, InjectorLateness injector, FrameTally tally,
      boolean sharedUser) {
    this.sharedUser = sharedUser;
    this.userId = userId;
    this.sla = sla;
    this.style = style;
    this.clock = clock;
    this.excuse = new InjectorExcuse(injector, tally);
    this.tally = tally;
  }

  public String userId() {
    return userId;
  }

  public String threadId() {
    return threadId;
  }

  public String runId() {
    return runId;
  }

  /** A turn this user's account had before this conversation: the pre-flight's, on the same account. */
  public record EarlierTurn(String userId, java.util.Set<String> threads, java.util.Set<String> runs) {}

  /**
   * Remembers {@code t}'s threads and runs as this user's own earlier ones: the rest of that run,
   * delivered to this socket (a platform buffers a user's events for its next socket), is stale, not a leak.
   */
  public void rememberEarlierTurn(EarlierTurn t) {
    t.threads().forEach(earlierThreads::add);
    t.runs().forEach(earlierRuns::add);
  }

  /** Whether no turn has begun yet: the user's first review of its socket. */
  public boolean beforeFirstTurn() {
    return turns == 0;
  }

  /** Starts a turn and returns the message to send, phrased as {@link MessageStyle} says. */
  public String beginTurn(String content) {
    if (turns > 0) {
      if (runId == null) {
        anEarlierRunIsUnknown = true;
      } else {
        earlierRuns.add(runId);
      }
    }
    turns++;
    runId = null;
    Arrays.fill(firstSeenAt, 0);
    arrivedEarly = null;
    executingTool = null;
    judgedFrameId = 0;
    turnBrokeContract = false;
    turnFrames.clear();
    lostOnReplay.clear();
    lostAt = 0;
    resumedAt = 0;
    firstReplayedAt = 0;
    sentAt = clock.getAsLong();
    return switch (style) {
      case FRONTEND -> frontEndMessage(content);
      case RUN_AGENT -> runAgentMessage(content);
      case CONTRACT -> contractMessage(content);
    };
  }

  /** run_agent with content, user_id and thread_id at the top level, on a fresh client-chosen thread. */
  private String runAgentMessage(String content) {
    freshThread();
    return UserMessage.runAgent(content, userId, threadId);
  }

  /** user_message on a fresh thread of the client's choosing, with timestamp and message_id. */
  private String contractMessage(String content) {
    freshThread();
    return UserMessage.contract(content, threadId, sentAt);
  }

  /** start_agent until the server has assigned a thread, then user_message on it (useMessageSending.ts). */
  private String frontEndMessage(String content) {
    return UserMessage.frontEnd(content, threadId);
  }

  /** A thread of the client's choosing for this turn; the one before is remembered as this user's. */
  private void freshThread() {
    if (threadId != null) {
      earlierThreads.add(threadId);
    }
    threadId = "thread_" + UserMessage.randomId();
  }

  // ---- the welcome ----

  /** Whether the welcome check takes this frame: the welcome, or anything that is not ignorable. */
  public boolean consumesWelcome(String raw) {
    Frame f = Frame.parse(raw);
    Breach problem;
    if (f.problem() != null) {
      problem = malformed(f, "");
    } else if (MessageTypes.IGNORABLE.contains(f.type)) {
      return false;
    } else if (MessageTypes.ERROR_MESSAGE.equals(f.type)) {
      problem = errorMessage(f, "instead of the welcome");
    } else if (isWelcome(f)) {
      problem = welcomeProblem(f);
    } else {
      problem = Breach.of("expected the welcome (connection_established) first, got '" + EventContent.shortText(f.type) + "'", f.snippet());
    }
    judge(raw, problem);
    return true;
  }

  private Breach welcomeProblem(Frame f) {
    String welcomed = f.text("user_id");
    if (welcomed != null && !sharedUser && !sameUser(userId, welcomed)) {
      tally.leak();
      return Breach.of(LEAK + ": the welcome names another user",
          "welcome names user " + welcomed + " on user " + userId + "'s socket");
    }
    String ready = f.text("connection_ready");
    if (ready != null && !Boolean.parseBoolean(ready)) {
      return Breach.of("welcome says connection_ready=false", f.snippet());
    }
    return null;
  }

  /** The bridge dialect's welcome names only the first 8 characters of the user id, then "...". */
  static boolean sameUser(String userId, String welcomed) {
    if (welcomed.endsWith("...") && welcomed.length() > 3) {
      return userId.startsWith(welcomed.substring(0, welcomed.length() - 3));
    }
    return welcomed.equals(userId);
  }

  private static boolean isWelcome(Frame f) {
    if (MessageTypes.CONNECTION_ESTABLISHED.equals(f.type)) {
      return true;
    }
    return MessageTypes.SYSTEM_MESSAGE.equals(f.type) && MessageTypes.CONNECTION_ESTABLISHED.equals(f.text("event"));
  }

  // ---- the five events ----

  /**
   * Whether the check awaiting {@code expected} takes this frame: the first occurrence of it, or a
   * frame that breaks the contract (foreign, malformed, an error, out of order, run over without
   * it). Repeats of earlier events, stale frames of this user's earlier turns and ignorable types
   * are left alone.
   */
  public boolean consumes(String raw, AgentEvent expected) {
    long now = clock.getAsLong();
    Frame f = Frame.parse(raw);
    if (tracksDuplicates && f.problem() == null && AgentEvent.fromWireName(f.type).isPresent()) {
      if (turnFrames.contains(raw)) {
        duplicates.add(Breach.of(DUPLICATED + ": " + f.type, "run " + f.text("run_id") + " on user " + userId + "'s socket"));
        return false; // judged as a duplicate, not as the event awaited
      }
      turnFrames.add(raw);
      if (resumedAt != 0 && firstReplayedAt == 0 && runId != null && runId.equals(f.text("run_id"))) {
        firstReplayedAt = now;
      }
    }
    Breach problem = problemWith(f, expected, now);
    if (problem == SKIP) {
      return false;
    }
    judge(raw, problem);
    return true;
  }

  /**
   * The outcome for the frame {@link #consumes} took: null when it is as the contract says, else
   * the kind of breach (stable words, so KOs group by kind).
   */
  public String problemOf(String raw) {
    Breach b = breachOf(raw);
    return b == null ? null : b.kind();
  }

  /** As {@link #problemOf}, with the details of this occurrence. */
  public Breach breachOf(String raw) {
    if (judgedFrameId == 0 || System.identityHashCode(raw) != judgedFrameId) {
      return Breach.of("frame was not judged before its check", Frame.parse(raw).snippet());
    }
    return judged;
  }

  private void judge(String raw, Breach problem) {
    judgedFrameId = System.identityHashCode(raw);
    judged = problem;
    if (problem != null) {
      last = problem;
      turnBrokeContract = true;
      tally.koSamples().record(problem);
    }
  }


  /**
   * Whether a frame of the current turn broke the contract. A turn that failed without one lost
   * its socket or timed out, which a reconnect can recover; a broken contract it cannot.
   */
  public boolean turnBrokeContract() {
    return turnBrokeContract;
  }

  /** The last contract breach this user's checks reported, for the journey's KO reason. */
  public String lastProblem() {
    return last == null ? null : last.kind();
  }

  /** Marks frames a check must leave alone (a repeat, a stale frame, an ignorable type). */
  private static final Breach SKIP = Breach.of("skip");

  private Breach problemWith(Frame f, AgentEvent expected, long now) {
    if (f.problem() != null) {
      return malformed(f, "");
    }
    String type = f.type;
    if (MessageTypes.IGNORABLE.contains(type)) {
      return SKIP;
    }
    if (MessageTypes.ERROR_MESSAGE.equals(type)) {
      return errorMessage(f, "");
    }
    boolean agentError = MessageTypes.AGENT_ERROR.equals(type);
    AgentEvent event = AgentEvent.fromWireName(type).orElse(null);
    if (event == null && !agentError) {
      return Breach.of("unexpected frame type '" + EventContent.shortText(type) + "' while awaiting " + expected.wireName(), f.snippet());
    }
    if (f.detailIsMalformed()) {
      return Breach.of(type + " with a detail object that is not an object", f.snippet());
    }
    Dialect dialect = f.dialect();
    String uid = f.userId();
    String tid = f.threadId();
    String rid = f.runId();
    tally.checkCoverage().saw(dialect, uid != null, tid != null);
    if (event == AgentEvent.AGENT_STARTED && runId == null && serverMadeThread(tid, rid)) {
      threadId = tid; // the server made this run's thread (payload era, as captured): not a leak
    }
    Breach foreign = foreignOwner(type, uid, tid, rid);
    if (foreign != null) {
      return foreign;
    }
    if (agentError) {
      return Breach.of("agent_error: " + EventContent.shortText(firstText(f, "error", "error_message", "message")), f.snippet());
    }
    if (rid == null) {
      return Breach.of(type + " without run_id", f.snippet());
    }
    if (event == AgentEvent.AGENT_STARTED) {
      if (runId == null) {
        runId = rid;
        if (threadId == null) {
          threadId = tid; // start_agent: the server assigned the thread
        }
      } else if (!rid.equals(runId)) {
        return Breach.of("a second agent_started in one turn", "run " + rid + " after run " + runId + " on thread " + threadId);
      }
    }

    int at = event.ordinal();
    int want = expected.ordinal();
    if (firstSeenAt[at] != 0 || at < want) {
      return SKIP; // a repeat (more thinking, another tool pair): allowed by the contract
    }
    if (at > want) {
      firstSeenAt[at] = now;
      if (arrivedEarly == null) {
        arrivedEarly = event;
      }
      if (event == AgentEvent.AGENT_COMPLETED) {
        if (resumedAt != 0) {
          // the run is over on the resumed socket: what it never delivered is lost, not late
          for (int k = want; k < at; k++) {
            if (firstSeenAt[k] == 0) {
              lostOnReplay.add(AgentEvent.values()[k]);
            }
          }
          return Breach.of(LOST + ": " + expected.wireName(), "agent_completed arrived without it, run " + rid);
        }
        return Breach.of(expected.wireName() + " missing: agent_completed arrived without it", "run " + rid);
      }
      return SKIP;
    }
    firstSeenAt[at] = now;
    if (arrivedEarly != null && resumedAt != 0 && firstSeenAt[arrivedEarly.ordinal()] >= resumedAt) {
      // the platform sends a run in order and replays it in order: a later event first means this one's first occurrence was lost
      lostOnReplay.add(expected);
      return Breach.of(LOST + ": " + expected.wireName(), arrivedEarly.wireName() + " arrived before it after the reconnect, run " + rid);
    }
    if (arrivedEarly != null) {
      return Breach.of("out of order: " + arrivedEarly.wireName() + " arrived before " + expected.wireName(), "run " + rid);
    }
    Breach content = EventContent.problem(f, expected, dialect);
    return content != null ? content : timingProblem(f, expected, now);
  }

  /**
   * Null when the frame may be this user's current turn; SKIP for a stale frame of an earlier turn;
   * else the cross-user leak, judged on whichever of user_id, thread_id and run_id the frame carries.
   */
  private Breach foreignOwner(String type, String uid, String tid, String rid) {
    if (uid != null && !sharedUser && !uid.equals(userId)) {
      return leak(type + " of another user", ids(uid, tid, rid));
    }
    if (rid != null && !rid.equals(runId) && earlierRuns.contains(rid)) {
      return SKIP; // the rest of an earlier turn
    }
    if (tid != null && threadId != null && !tid.equals(threadId)) {
      if (earlierThreads.contains(tid)) {
        return SKIP;
      }
      return leak(type + " of a thread this user never opened", ids(uid, tid, rid));
    }
    if (rid != null && runId != null && !rid.equals(runId)) {
      if (anEarlierRunIsUnknown && uid == null && tid == null) {
        return SKIP; // could be the late rest of the earlier turn whose run never announced itself
      }
      return leak(type + " of another run", ids(uid, tid, rid));
    }
    return null;
  }

  /** A run the server started on a thread of its own making names that thread: {@code thread_<tid>_run_...}. */
  private static boolean serverMadeThread(String tid, String rid) {
    return tid != null && rid != null && rid.length() > tid.length() + 12 && rid.startsWith("thread_" + tid + "_run_");
  }

  /** Who a foreign frame belongs to and whose socket it reached: a leak's details, never its KO message. */
  private String ids(String uid, String tid, String rid) {
    return String.format("user %s, thread %s, run %s on user %s's socket (thread %s, run %s)", uid, tid, rid, userId, threadId, runId);
  }

  private Breach leak(String what, String ids) {
    tally.leak();
    return Breach.of(LEAK + ": " + what, ids);
  }

  /**
   * The frame's timing against its timeout, the gap since the event before it and its delivery. A
   * limit broken only by the time the loop that read the frame was provably behind its schedule is
   * no KO, but the frame is counted as excused (once, whichever limits it broke).
   */
  private Breach timingProblem(Frame f, AgentEvent e, long now) {
    tally.judged();
    excuse.newFrame();
    Breach b = timingBreach(f, e, now);
    if (b == null && excuse.frameExcused()) {
      tally.excused(e.wireName());
    }
    return b;
  }

  private Breach timingBreach(Frame f, AgentEvent e, long now) {
    long elapsed = now - sentAt - awayWithin(sentAt, now);
    int timeout = sla.timeoutMs(e);
    long ours = excuse.shareBeyond(elapsed, timeout, f, sentAt, now);
    if (ours >= 0) {
      return excuse.late(e, elapsed - timeout, InjectorExcuse.waitWindow(f, sentAt, now), String.format("%s later than its timeout of %d ms", e.wireName(), timeout),
          "arrived " + elapsed + " ms after the message" + InjectorExcuse.part(ours));
    }
    SlaSpec.Gaps gaps = sla.gaps();
    switch (e) {
      case AGENT_THINKING:
        if (gaps.firstThinkingAfterStartedMs() != null) {
          long startedAt = firstSeenAt[AgentEvent.AGENT_STARTED.ordinal()];
          long gap = now - startedAt - awayWithin(startedAt, now);
          long oursOfGap = excuse.shareBeyond(gap, gaps.firstThinkingAfterStartedMs(), f, startedAt, now);
          if (oursOfGap >= 0) {
            return excuse.late(e, gap - gaps.firstThinkingAfterStartedMs(), InjectorExcuse.waitWindow(f, startedAt, now),
                String.format("agent_thinking more than %d ms after agent_started", gaps.firstThinkingAfterStartedMs()),
                "came " + gap + " ms after it" + InjectorExcuse.part(oursOfGap));
          }
        }
        break;
      case TOOL_EXECUTING:
        executingTool = f.text("tool_name");
        break;
      case TOOL_COMPLETED:
        String tool = f.text("tool_name");
        if (executingTool != null && !executingTool.equals(tool)) {
          return Breach.of("tool_completed names another tool than tool_executing", "'" + tool + "' after '" + executingTool + "'");
        }
        if (gaps.toolCompletedAfterExecutingMs() != null) {
          long executingAt = firstSeenAt[AgentEvent.TOOL_EXECUTING.ordinal()];
          long gap = now - executingAt - awayWithin(executingAt, now);
          long oursOfGap = excuse.shareBeyond(gap, gaps.toolCompletedAfterExecutingMs(), f, executingAt, now);
          if (oursOfGap >= 0) {
            return excuse.late(e, gap - gaps.toolCompletedAfterExecutingMs(), InjectorExcuse.waitWindow(f, executingAt, now),
                String.format("tool_completed more than %d ms after tool_executing", gaps.toolCompletedAfterExecutingMs()),
                "came " + gap + " ms after it" + InjectorExcuse.part(oursOfGap));
          }
        }
        break;
      default:
        break;
    }
    return deliveryProblem(f, e, now);
  }

  /** A frame delivered later than the contract allows after its own timestamp. */
  private Breach deliveryProblem(Frame f, AgentEvent e, long now) {
    Integer limit = sla.gaps().deliveryLatencyMs();
    OptionalLong ts = tally.timestampCoverage().read(f);
    if (limit == null || ts.isEmpty()) {
      return null;
    }
    long late = now - ts.getAsLong() - awayWithin(ts.getAsLong(), now);
    long ours = excuse.shareBeyond(late, limit, f, ts.getAsLong(), now);
    if (ours < 0) {
      return null;
    }
    return excuse.late(e, late - limit, InjectorExcuse.waitWindow(f, ts.getAsLong(), now), String.format("%s delivered more than %d ms after its timestamp", e.wireName(), limit),
        "delivered " + late + " ms after it" + InjectorExcuse.part(ours));
  }

  // ---- across a reconnect ----

  /** The KO message's words for a frame the platform delivered twice. */
  public static final String DUPLICATED = "duplicated across the reconnect";
  /** The KO message's words for an event of an interrupted run that never arrived. */
  public static final String LOST = "lost across the reconnect";

  /**
   * The events of the resumed run that are lost: those shown lost by what arrived instead, or —
   * when {@code waitedItOut}, the new socket having stayed open for the whole wait — every one not received.
   */
  public List<AgentEvent> lostEvents(boolean waitedItOut) {
    java.util.TreeSet<AgentEvent> lost = new java.util.TreeSet<>(lostOnReplay);
    if (waitedItOut) {
      lost.addAll(missing());
    }
    return List.copyOf(lost);
  }

  /** Remember this user's agent frames of the turn in progress, so a replayed duplicate is told apart. */
  public void trackDuplicates() {
    tracksDuplicates = true;
  }

  /** The turn in progress lost its socket at {@code at} (the first loss counts). */
  public void socketLost(long at) {
    if (lostAt == 0) {
      lostAt = at;
    }
  }

  /** The user reconnects at {@code at} to receive the rest of the interrupted turn. */
  public void resuming(long at) {
    resumedAt = at;
    firstReplayedAt = 0;
  }

  /**
   * The first of the five events this turn has not received, the one a resumed socket awaits
   * first; null when agent_started never came (no run is known to exist) or none is missing.
   */
  public AgentEvent firstMissing() {
    if (runId == null) {
      return null;
    }
    for (AgentEvent e : AgentEvent.values()) {
      if (firstSeenAt[e.ordinal()] == 0) {
        return e;
      }
    }
    return null;
  }

  /** The events of this turn that never arrived, in contract order. */
  public List<AgentEvent> missing() {
    List<AgentEvent> out = new ArrayList<>(5);
    for (AgentEvent e : AgentEvent.values()) {
      if (firstSeenAt[e.ordinal()] == 0) {
        out.add(e);
      }
    }
    return out;
  }

  /** How long the resumed socket may wait for the rest: what the turn's timeout had left when the socket was lost. */
  public long remainingTurnMs(long turnTimeoutMs) {
    return Math.max(0, turnTimeoutMs - (lostAt == 0 ? 0 : lostAt - sentAt));
  }

  /** When the first frame of the interrupted run arrived on the resumed socket; 0 if none did. */
  public long firstReplayedAt() {
    return firstReplayedAt;
  }

  /** The duplicates seen since the last call. */
  public List<Breach> takeDuplicates() {
    if (duplicates.isEmpty()) {
      return List.of();
    }
    List<Breach> out = List.copyOf(duplicates);
    duplicates.clear();
    return out;
  }

  /**
   * The part of a span from {@code from} to {@code to} the user spent away (socket lost, back-off,
   * reconnect): a frame the platform kept meanwhile is judged on its own pace, not on the wait.
   */
  private long awayWithin(long from, long to) {
    if (resumedAt == 0 || lostAt == 0) {
      return 0;
    }
    return Math.max(0, Math.min(to, resumedAt) - Math.max(from, lostAt));
  }

  // ---- between turns ----

  /**
   * Judges the frames that arrived while no check was waiting. Returns the problems found (first
   * a cross-user leak if there is one), empty when all were ignorable or stale frames of this user.
   */
  public List<Breach> reviewBetweenTurns(List<String> frames) {
    List<Breach> problems = new ArrayList<>();
    for (String raw : frames) {
      Frame f = Frame.parse(raw);
      Breach problem = betweenTurns(f);
      if (problem == null || problem == SKIP) {
        continue;
      }
      tally.koSamples().record(problem);
      if (problem.isLeak()) {
        problems.add(0, problem);
      } else {
        problems.add(problem);
      }
    }
    return problems;
  }

  private Breach betweenTurns(Frame f) {
    if (f.problem() != null) {
      return malformed(f, " between turns");
    }
    if (MessageTypes.IGNORABLE.contains(f.type) || isWelcome(f)) {
      return null;
    }
    if (MessageTypes.ERROR_MESSAGE.equals(f.type)) {
      return errorMessage(f, "between turns");
    }
    boolean agentFrame = MessageTypes.AGENT_ERROR.equals(f.type) || AgentEvent.fromWireName(f.type).isPresent();
    if (!agentFrame) {
      return Breach.of("unexpected frame type '" + EventContent.shortText(f.type) + "' between turns", f.snippet());
    }
    if (f.detailIsMalformed()) {
      return Breach.of(f.type + " with a detail object that is not an object", f.snippet());
    }
    // this user's own late frames (the rest of a turn that already failed) are not news
    return foreignOwner(f.type, f.userId(), f.threadId(), f.runId());
  }

  // ---- kinds of breach shared by the welcome, the turn and the review ----

  private static Breach malformed(Frame f, String where) {
    return Breach.of("malformed frame" + where + " (" + f.problem() + ")", f.snippet());
  }

  /** error_message names its code; AUTH_FAILED is the bridge dialect's way to refuse a token. */
  private static Breach errorMessage(Frame f, String where) {
    String code = EventContent.shortText(firstText(f, "error_code", "code"));
    String message = EventContent.shortText(firstText(f, "error_message", "message", "error"));
    String prefix = "AUTH_FAILED".equals(code) ? "socket refused: " : "";
    return Breach.of(prefix + "error_message " + code + (where.isEmpty() ? "" : " " + where) + ": " + message, f.snippet());
  }

  private static String firstText(Frame f, String... fields) {
    for (String field : fields) {
      String t = f.text(field);
      if (t != null && !t.isEmpty()) {
        return t;
      }
    }
    return null;
  }
}
