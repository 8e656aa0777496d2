package io.chatload.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.AgentEvent;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.sla.SlaSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What one virtual user knows about its socket: who it is, the chat turn in progress and the
 * threads it opened before. Every server frame passes through here exactly once, parsed once:
 * Gatling's {@code matching} asks {@link #consumes} whether the awaited check should take the frame
 * (the awaited event, or anything that breaks the contract), and the check then asks
 * {@link #problemOf} for the outcome computed on the same parse. Frames that arrive between turns are
 * judged by {@link #reviewBetweenTurns}. Nothing foreign can pass silently: a frame of another
 * user, thread or run always ends as a KO saying "cross-user leak".
 *
 * <p>Not thread-safe, and needs not be: Gatling handles one virtual user's frames one at a time.
 */
public final class Conversation {
  /** Cross-user leaks seen by all users of this JVM, for the run's summary. */
  public static final AtomicLong LEAKS = new AtomicLong();

  static final String LEAK = "cross-user leak";
  private static final int REMEMBERED_THREADS = 32;

  private final String userId;
  private final SlaSpec sla;
  private final LongSupplier clock;
  private final Deque<String> earlierThreads = new ArrayDeque<>();

  // the turn in progress
  private String threadId;
  private String runId;
  private long sentAt;
  private final long[] firstSeenAt = new long[AgentEvent.values().length];
  private AgentEvent arrivedEarly;
  private String executingTool;

  // the frame being judged: matching and check see the same String instance
  private String judgedFrame;
  private String judgedProblem;
  private String lastProblem;
  private boolean turnBrokeContract;

  public Conversation(String userId, SlaSpec sla) {
    this(userId, sla, System::currentTimeMillis);
  }

  Conversation(String userId, SlaSpec sla, LongSupplier clock) {
    this.userId = userId;
    this.sla = sla;
    this.clock = clock;
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

  /** Starts a turn on a fresh thread and returns the {@code user_message} frame to send. */
  public String beginTurn(String content) {
    if (threadId != null) {
      earlierThreads.addLast(threadId);
      if (earlierThreads.size() > REMEMBERED_THREADS) {
        earlierThreads.removeFirst();
      }
    }
    threadId = "thread_" + UUID.randomUUID().toString().replace("-", "");
    runId = null;
    java.util.Arrays.fill(firstSeenAt, 0);
    arrivedEarly = null;
    executingTool = null;
    judgedFrame = null;
    turnBrokeContract = false;
    sentAt = clock.getAsLong();
    double now = sentAt / 1000.0;
    ObjectNode msg = Json.MAPPER.createObjectNode();
    msg.put("type", MessageTypes.USER_MESSAGE);
    ObjectNode payload = msg.putObject("payload");
    payload.put("content", content);
    payload.put("thread_id", threadId);
    msg.put("timestamp", now);
    msg.put("message_id", "msg_" + UUID.randomUUID().toString().replace("-", ""));
    msg.put("thread_id", threadId);
    return msg.toString();
  }

  // ---- the welcome ----

  /** Whether the welcome check takes this frame: the welcome, or anything that is not ignorable. */
  public boolean consumesWelcome(String raw) {
    Frame f = Frame.parse(raw);
    String problem;
    if (f.problem() != null) {
      problem = "malformed frame (" + f.problem() + "): " + f.snippet();
    } else if (MessageTypes.IGNORABLE.contains(f.type)) {
      return false;
    } else if (isWelcome(f)) {
      String welcomedUser = f.text("user_id");
      if (welcomedUser != null && !welcomedUser.equals(userId)) {
        LEAKS.incrementAndGet();
        problem = LEAK + ": welcome names user " + welcomedUser + " on user " + userId + "'s socket";
      } else if (f.data != null && f.data.has("connection_ready") && !f.data.get("connection_ready").asBoolean()) {
        problem = "welcome says connection_ready=false";
      } else {
        problem = null;
      }
    } else {
      problem = "expected the welcome (connection_established) first, got '" + f.type + "': " + f.snippet();
    }
    judge(raw, problem);
    return true;
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
    String problem = problemWith(f, expected, now);
    if (problem == SKIP) {
      return false;
    }
    judge(raw, problem);
    return true;
  }

  /**
   * The outcome for the frame {@link #consumes} took: null when it is as the contract says, else
   * the reason it is a KO.
   */
  public String problemOf(String raw) {
    if (raw != judgedFrame) {
      return "frame was not judged before its check: " + Frame.parse(raw).snippet();
    }
    return judgedProblem;
  }

  private void judge(String raw, String problem) {
    judgedFrame = raw;
    judgedProblem = problem;
    if (problem != null) {
      lastProblem = problem;
      turnBrokeContract = true;
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
    return lastProblem;
  }

  private static final String SKIP = new String("skip");

  private String problemWith(Frame f, AgentEvent expected, long now) {
    if (f.problem() != null) {
      return "malformed frame (" + f.problem() + "): " + f.snippet();
    }
    String type = f.type;
    if (MessageTypes.IGNORABLE.contains(type)) {
      return SKIP;
    }
    if (MessageTypes.ERROR_MESSAGE.equals(type)) {
      return "error_message " + orDash(f.root.path("error_code").asText(null)) + ": " + orDash(f.root.path("error_message").asText(null));
    }
    boolean agentError = MessageTypes.AGENT_ERROR.equals(type);
    AgentEvent event = AgentEvent.fromWireName(type).orElse(null);
    if (event == null && !agentError) {
      return "unexpected frame type '" + type + "' while awaiting " + expected.wireName() + ": " + f.snippet();
    }
    if (f.data == null) {
      return type + " without a data object: " + f.snippet();
    }
    String foreign = foreignOwner(f, type);
    if (foreign == SKIP) {
      return SKIP;
    }
    if (foreign != null) {
      return foreign;
    }
    if (agentError) {
      return "agent_error: " + orDash(f.text("error"));
    }
    String rid = f.text("run_id");
    if (event == AgentEvent.AGENT_STARTED) {
      if (runId == null) {
        runId = rid;
      } else if (rid != null && !rid.equals(runId)) {
        return "a second agent_started on thread " + threadId + " with run " + rid + " (first run " + runId + ")";
      }
    } else if (runId != null && rid != null && !rid.equals(runId)) {
      LEAKS.incrementAndGet();
      return LEAK + ": " + type + " of run " + rid + " on thread " + threadId + " whose run is " + runId;
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
        return expected.wireName() + " missing: agent_completed arrived without it";
      }
      return SKIP;
    }
    firstSeenAt[at] = now;
    if (arrivedEarly != null) {
      return "out of order: " + arrivedEarly.wireName() + " arrived before " + expected.wireName();
    }
    return contentProblem(f, expected, now);
  }

  /** Null when the frame is this user's current turn; SKIP for a stale frame of an earlier turn. */
  private String foreignOwner(Frame f, String type) {
    String uid = f.text("user_id");
    String tid = f.text("thread_id");
    String rid = f.text("run_id");
    if (uid == null || uid.isEmpty()) {
      return type + " without user_id: " + f.snippet();
    }
    if (!uid.equals(userId)) {
      LEAKS.incrementAndGet();
      return String.format("%s: %s of user %s (thread %s, run %s) arrived on user %s's socket", LEAK, type, uid, tid, rid, userId);
    }
    if (tid == null || !tid.equals(threadId)) {
      if (tid != null && earlierThreads.contains(tid)) {
        return SKIP;
      }
      LEAKS.incrementAndGet();
      return String.format("%s: %s of thread %s (run %s) which user %s never opened", LEAK, type, tid, rid, userId);
    }
    return null;
  }

  private String contentProblem(Frame f, AgentEvent e, long now) {
    for (String field : e.requiredFields()) {
      boolean present = false;
      for (String alternative : field.split("\\|")) {
        present |= f.hasNonEmpty(alternative);
      }
      if (!present) {
        return e.wireName() + " lacks data." + field.replace("|", " or data.");
      }
    }
    if (e.expectedStatus().isPresent() && !e.expectedStatus().get().equals(f.text("status"))) {
      return e.wireName() + " has status '" + f.text("status") + "', expected '" + e.expectedStatus().get() + "'";
    }
    long elapsed = now - sentAt;
    int timeout = sla.timeoutMs(e);
    if (elapsed > timeout) {
      return String.format("%s arrived %d ms after the message, timeout %d ms", e.wireName(), elapsed, timeout);
    }
    SlaSpec.Gaps gaps = sla.gaps();
    switch (e) {
      case AGENT_THINKING:
        if (gaps.firstThinkingAfterStartedMs() != null) {
          long gap = now - firstSeenAt[AgentEvent.AGENT_STARTED.ordinal()];
          if (gap > gaps.firstThinkingAfterStartedMs()) {
            return String.format("agent_thinking came %d ms after agent_started, limit %d ms", gap, gaps.firstThinkingAfterStartedMs());
          }
        }
        break;
      case TOOL_EXECUTING:
        executingTool = f.text("tool_name");
        break;
      case TOOL_COMPLETED:
        String tool = f.text("tool_name");
        if (executingTool != null && !executingTool.equals(tool)) {
          return "tool_completed is for tool '" + tool + "' but tool_executing was '" + executingTool + "'";
        }
        if (gaps.toolCompletedAfterExecutingMs() != null) {
          long gap = now - firstSeenAt[AgentEvent.TOOL_EXECUTING.ordinal()];
          if (gap > gaps.toolCompletedAfterExecutingMs()) {
            return String.format("tool_completed came %d ms after tool_executing, limit %d ms", gap, gaps.toolCompletedAfterExecutingMs());
          }
        }
        break;
      default:
        break;
    }
    if (gaps.deliveryLatencyMs() != null) {
      OptionalLong ts = f.timestampMillis();
      if (ts.isPresent() && now - ts.getAsLong() > gaps.deliveryLatencyMs()) {
        return String.format("%s delivered %d ms after its timestamp, limit %d ms", e.wireName(), now - ts.getAsLong(), gaps.deliveryLatencyMs());
      }
    }
    return null;
  }

  // ---- between turns ----

  /**
   * Judges the frames that arrived while no check was waiting. Returns the problems found (first
   * a cross-user leak if there is one), empty when all were ignorable or stale frames of this user.
   */
  public List<String> reviewBetweenTurns(List<String> frames) {
    List<String> problems = new ArrayList<>();
    for (String raw : frames) {
      Frame f = Frame.parse(raw);
      if (f.problem() != null) {
        problems.add("malformed frame between turns (" + f.problem() + "): " + f.snippet());
        continue;
      }
      if (MessageTypes.IGNORABLE.contains(f.type) || isWelcome(f)) {
        continue;
      }
      if (MessageTypes.ERROR_MESSAGE.equals(f.type)) {
        problems.add("error_message between turns " + orDash(f.root.path("error_code").asText(null)) + ": "
            + orDash(f.root.path("error_message").asText(null)));
        continue;
      }
      boolean agentFrame = MessageTypes.AGENT_ERROR.equals(f.type) || AgentEvent.fromWireName(f.type).isPresent();
      if (!agentFrame) {
        problems.add("unexpected frame type '" + f.type + "' between turns: " + f.snippet());
        continue;
      }
      if (f.data == null) {
        problems.add(f.type + " without a data object: " + f.snippet());
        continue;
      }
      String foreign = foreignOwner(f, f.type);
      if (foreign != null && foreign != SKIP) {
        problems.add(0, foreign);
      }
      // this user's own late frames (the rest of a turn that already failed) are not news
    }
    return problems;
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

}
