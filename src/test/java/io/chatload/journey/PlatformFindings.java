package io.chatload.journey;

import io.chatload.config.MessageStyle;
import io.chatload.contract.MessageTypes;

/**
 * What the pre-flight's one turn may meet first on a real deployment (PROTOCOL.md, "How real
 * deployments misbehave"), each said in one sentence in the platform's own terms, with what to do.
 * docs/REAL_DEPLOYMENTS.md ("What you may meet first") lists them.
 */
final class PlatformFindings {
  private PlatformFindings() {}

  /** What beta-15 … beta-17 start agents for, and what the front end sends. */
  static final String ACCEPTED_MESSAGES = "beta-15 … beta-17 start agents only for " + MessageTypes.RUN_AGENT + ", "
      + MessageTypes.AGENT_MESSAGE + " and " + MessageTypes.EXECUTE_AGENT + " (-Dtarget.message=run_agent), the front end"
      + " sends " + MessageTypes.START_AGENT + " then " + MessageTypes.USER_MESSAGE + " (-Dtarget.message=frontend), our contract "
      + MessageTypes.USER_MESSAGE + " on a fresh thread (-Dtarget.message=contract)";

  /**
   * The socket is another user than the token's subject: emergency auth when it is named {@code
   * emergency_<seconds>} (the bridge's welcome shows {@code emergenc...}), else demo mode.
   */
  static String anotherUser(String named, String subject, String where) {
    String seen = where + " names user '" + named + "' for a token of user '" + subject + "'";
    if (isEmergencyUser(named)) {
      return seen + ": the platform let the socket in under emergency auth (user emergency_<unix seconds>, shared by"
          + " everyone who connects within the same second) without checking the token, because the backend could not"
          + " reach its auth service or EMERGENCY_MODE=1 is set — a finding for the platform team, whose sockets are"
          + " open to anyone while auth is down; restore the backend's connection to the auth service (and unset"
          + " EMERGENCY_MODE) before load-testing";
    }
    String mode = named.startsWith("demo") ? "the platform runs in demo mode" : "every socket is one platform user, as in the platform's demo mode";
    return seen + ": " + mode + " (DEMO_MODE=1, its default outside production), which lets every socket in as one user"
        + " (demo-user-001) without checking its token, so all load-test users would be one platform user and isolation"
        + " between users could not be tested; set DEMO_MODE=0 in the backend's environment and restart it, or run"
        + " anyway with -Dtarget.sharedUser=true (isolation then judged on run and thread only)";
  }

  /** {@code emergency_<seconds>}, or {@code emergenc...} as the beta-11+ welcome truncates it. */
  static boolean isEmergencyUser(String named) {
    return named.startsWith("emergenc");
  }

  /** CONNECTION_ERROR to the first message, then (usually) close 1011: beta-15 … beta-17's broken main loop. */
  static String brokenChatPath(String sentType, String code, String errorType, String message, Integer closeCode, String closeReason) {
    return "the first message ('" + sentType + "') was answered error_message " + code
        + (errorType == null ? "" : " (error_type " + errorType + ")")
        + (message == null ? "" : " \"" + EventContent.shortText(message) + "\"")
        + (closeCode == null ? " and the socket was not closed within 2 s" : " and the socket was closed " + closeCode + closed(closeReason))
        + ": the platform's chat path is broken (beta-15 … beta-17's /ws main loop fails on every first message, whatever"
        + " its type), so no turn can succeed; fix or roll back the deployment before load-testing";
  }

  /** Any other error_message answered to the first message. */
  static String refusedMessage(String sentType, String code, String message) {
    String hint = MessageTypes.INVALID_MESSAGE.equals(code) ? "; " + ACCEPTED_MESSAGES : "";
    return "the first message ('" + sentType + "') was answered error_message " + code + ": "
        + EventContent.shortText(message) + hint;
  }

  /** The socket closed after the first message, before any agent event. */
  static String closedBeforeAgent(String sentType, int closeCode, String reason) {
    return "the socket was closed " + closeCode + closed(reason) + " after the first message ('" + sentType
        + "'), before any agent_started" + (closeCode == 1011 ? " (1011: the server failed while handling it)" : "");
  }

  /** Nothing of a run within agent_started's timeout. */
  static String noAgentStarted(String sentType, MessageStyle style, int timeoutMs, String answeredOnly) {
    return "no agent_started within " + timeoutMs + " ms (agent_started's timeout) of the first message ('" + sentType
        + "', -Dtarget.message=" + styleName(style) + ")" + answeredOnly + ": the platform did not start an agent for it;"
        + " " + ACCEPTED_MESSAGES;
  }

  private static String styleName(MessageStyle style) {
    return style.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String closed(String reason) {
    return reason == null || reason.isBlank() ? "" : " (\"" + EventContent.shortText(reason) + "\")";
  }
}
