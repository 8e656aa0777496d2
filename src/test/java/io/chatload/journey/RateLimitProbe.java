package io.chatload.journey;

import io.chatload.contract.AgentEvent;
import io.chatload.contract.MessageTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One bursty user's view of the platform's per-user rate limit: it sends more messages than the
 * limit allows in a minute, one after another, and each awaits its first answer — the agent_started
 * of a new run, or the platform's rate-limit answer. Within the limit a run must start; over it the
 * answer must be the rate-limit one and no run may start. The releases answer an {@code error_message}
 * with {@code error_code} {@code RATE_LIMITED} (the error-recovery handler's type is
 * {@code rate_limit_exceeded}); any of these codes, at the top level or in the frame's detail, counts.
 *
 * <p>Not thread-safe, and needs not be: Gatling handles one virtual user's frames one at a time.
 */
public final class RateLimitProbe {
  /** The codes the platform's releases use for a refused message (compared without case). */
  static final List<String> RATE_LIMIT_CODES = List.of("rate_limited", "rate_limit_exceeded");

  private final int limit;
  private final Set<String> runsStarted = new HashSet<>();
  private int sent;

  public RateLimitProbe(int limit) {
    this.limit = limit;
  }

  /** Counts a message sent; true when it is over the limit (the limit's worth were sent before it). */
  public boolean send() {
    sent++;
    return sent > limit;
  }

  public boolean lastWasOverLimit() {
    return sent > limit;
  }

  /** Whether the check awaiting a message's answer takes this frame: a new run, a rate-limit answer, another error, a broken frame. */
  public boolean takes(String raw) {
    Frame f = Frame.parse(raw);
    if (f.problem() != null || MessageTypes.ERROR_MESSAGE.equals(f.type) || "error".equals(f.type)) {
      return true;
    }
    return AgentEvent.AGENT_STARTED.wireName().equals(f.type) && !runsStarted.contains(String.valueOf(f.text("run_id")));
  }

  /** The verdict on the answer to the last message sent: null when it is as the platform's limit says, else the KO's words. */
  public String verdict(String raw) {
    Frame f = Frame.parse(raw);
    boolean over = lastWasOverLimit();
    if (f.problem() != null) {
      return "malformed frame (" + f.problem() + ")";
    }
    if (isRateLimitAnswer(f)) {
      return over ? null : String.format(Locale.ROOT, "rate-limited within the limit of %d messages per minute", limit);
    }
    if (AgentEvent.AGENT_STARTED.wireName().equals(f.type)) {
      runsStarted.add(String.valueOf(f.text("run_id")));
      return over ? String.format(Locale.ROOT, "not rate-limited: a message over the limit of %d per minute started a run", limit) : null;
    }
    return "error_message " + EventContent.shortText(f.text("error_code")) + " instead of " + (over ? "the rate-limit answer" : "a run");
  }

  /** Frames that arrived after the burst: a run none of the answered messages started began late. */
  public String lateRunIn(List<String> frames) {
    for (String raw : frames) {
      Frame f = Frame.parse(raw);
      if (f.problem() == null && AgentEvent.AGENT_STARTED.wireName().equals(f.type) && !runsStarted.contains(String.valueOf(f.text("run_id")))) {
        return String.format(Locale.ROOT, "not rate-limited: a message over the limit of %d per minute started a run after its answer", limit);
      }
    }
    return null;
  }

  static boolean isRateLimitAnswer(Frame f) {
    if (!MessageTypes.ERROR_MESSAGE.equals(f.type) && !"error".equals(f.type)) {
      return false;
    }
    for (String field : new String[] {"error_code", "code", "error_type"}) {
      String v = f.text(field);
      if (v != null && RATE_LIMIT_CODES.contains(v.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
