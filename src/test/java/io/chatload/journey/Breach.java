package io.chatload.journey;

/**
 * Why a frame broke the contract: {@code kind} names the breach and the event in stable words, so
 * Gatling's error table shows one row per kind; {@code detail} holds what varies (ids, a redacted
 * snippet) and goes to the log and the summary's samples, never into the KO message.
 */
public record Breach(String kind, String detail) {
  static Breach of(String kind) {
    return new Breach(kind, "");
  }

  static Breach of(String kind, String detail) {
    return new Breach(kind, detail == null ? "" : detail);
  }

  boolean isLeak() {
    return kind.startsWith(Conversation.LEAK);
  }
}
