package io.chatload.guard;

/** The names the journey records its outcomes under, for the auto-stop to judge. */
public final class Watched {
  public static final String LOGIN = "login";
  public static final String CONNECT = "connect";
  /** A chat turn: the five agent events of one message; KO when any of them failed. */
  public static final String TURN = "chat turn";
  public static final String HEALTH = "health";
  /** Whether a login or health check got any HTTP answer: KO when the target did not answer at all. */
  public static final String ANSWERED = "target answered";

  /** In the order a cause is looked for: the most telling first. */
  public static final java.util.List<String> ALL = java.util.List.of(ANSWERED, LOGIN, CONNECT, TURN, HEALTH);

  private Watched() {}
}
