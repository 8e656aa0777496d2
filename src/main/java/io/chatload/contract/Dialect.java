package io.chatload.contract;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The wire dialects the real platform has spoken (PROTOCOL.md, "What the real platform actually
 * sends"). The reference target speaks one of them ({@code -Dreference.dialect}); the simulations
 * understand all of them without being told which.
 */
public enum Dialect {
  /** Our idealised contract: {@code {type, data:{run_id, thread_id, user_id, ...}, timestamp}}. */
  CONTRACT("contract"),
  /** Tags up to beta-10: {@code {type, run_id, agent_name, timestamp:ISO, payload:{...}}}; no user_id, no thread_id. */
  PAYLOAD("payload"),
  /** beta-11 to beta-17: {@code {type, run_id, user_id, agent_name, timestamp:ISO, data:{...}}}; no thread_id. */
  BRIDGE("bridge"),
  /** beta-14+ unified emitter: every field at the top level. */
  FLAT("flat"),
  /**
   * As staging captured it (payload era, {@code reports/archived/WEBSOCKET_AGENT_EVENT_AUDIT.md}):
   * everything under {@code payload}, timestamps in float epoch seconds, a server-made thread id
   * inside the run id ({@code thread_<tid>_run_<ms>_<hex>}); no user_id.
   */
  CAPTURE("capture");

  private final String wireName;

  Dialect(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Dialect> fromName(String name) {
    return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
  }

  /** "contract|payload|bridge|flat|capture", for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(Dialect::wireName).collect(Collectors.joining("|"));
  }
}
