package io.chatload.journey;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.chatload.contract.MessageTypes;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wire text of the message a user sends to start a turn, in each way a release of the platform
 * wants it phrased ({@link io.chatload.config.MessageStyle}). Which thread it names is the
 * Conversation's to choose; this only writes it down.
 */
final class UserMessage {
  private static final HexFormat HEX = HexFormat.of();

  private UserMessage() {}

  /** run_agent with content, user_id and thread_id at the top level. */
  static String runAgent(String content, String userId, String threadId) {
    StringBuilder msg = new StringBuilder(120 + content.length());
    msg.append("{\"type\":\"").append(MessageTypes.RUN_AGENT).append("\",\"content\":");
    quoted(msg, content).append(",\"user_id\":");
    quoted(msg, userId).append(",\"thread_id\":\"").append(threadId).append("\"}");
    return msg.toString();
  }

  /** user_message on {@code threadId}, with the time it was sent ({@code sentAtMillis}) and a fresh message_id. */
  static String contract(String content, String threadId, long sentAtMillis) {
    // written by hand, not through a Jackson tree: one message per turn, and the tree's toString
    // (a fresh generator each time) cost more than judging the turn's five frames
    StringBuilder msg = new StringBuilder(160 + content.length());
    msg.append("{\"type\":\"").append(MessageTypes.USER_MESSAGE).append("\",\"payload\":{\"content\":");
    quoted(msg, content).append(",\"thread_id\":\"").append(threadId).append("\"},\"timestamp\":");
    msg.append(sentAtMillis / 1000).append('.');
    long millis = sentAtMillis % 1000;
    msg.append(millis < 10 ? "00" : millis < 100 ? "0" : "").append(millis);
    msg.append(",\"message_id\":\"msg_").append(randomId()).append("\",\"thread_id\":\"").append(threadId).append("\"}");
    return msg.toString();
  }

  /**
   * start_agent while the server has assigned no thread yet ({@code threadId} null), then user_message
   * on the thread it assigned (useMessageSending.ts).
   */
  static String frontEnd(String content, String threadId) {
    StringBuilder msg = new StringBuilder(160 + content.length());
    if (threadId == null) {
      msg.append("{\"type\":\"").append(MessageTypes.START_AGENT).append("\",\"payload\":{\"user_request\":");
      quoted(msg, content).append(",\"thread_id\":null,\"context\":{\"source\":\"message_input\"},\"settings\":{}}}");
    } else {
      msg.append("{\"type\":\"").append(MessageTypes.USER_MESSAGE).append("\",\"payload\":{\"content\":");
      quoted(msg, content).append(",\"references\":[],\"thread_id\":");
      quoted(msg, threadId).append("}}");
    }
    return msg.toString();
  }

  /** {@code text} as a JSON string literal, escaped as Jackson escapes it. */
  private static StringBuilder quoted(StringBuilder out, String text) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    return out.append('"');
  }

  /**
   * 32 random hex digits, as unique as a UUID's 122 random bits need not be here: ids only tell this
   * client's threads and messages apart, and SecureRandom per turn was a measurable share of the injector.
   */
  static String randomId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return HEX.toHexDigits(r.nextLong()) + HEX.toHexDigits(r.nextLong());
  }
}
