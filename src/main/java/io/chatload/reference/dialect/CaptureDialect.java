package io.chatload.reference.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Dialect;
import io.chatload.contract.Json;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.PlannedEvent;
import io.chatload.reference.agent.RunIds;
import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Agent events as staging captured them in the payload era ({@code
 * reports/archived/WEBSOCKET_AGENT_EVENT_AUDIT.md}): {@code {"type", "payload":{run_id, agent_name,
 * thread_id, timestamp:<float epoch seconds>, ...}}} — nothing at the top level but the type, no
 * user_id, a thread the server made for the run and a run id that names it ({@code
 * thread_<tid>_run_<ms>_<hex>}). Session frames, health and auth as {@link PayloadDialect}.
 */
final class CaptureDialect extends PayloadDialect {

  @Override
  public Dialect name() {
    return Dialect.CAPTURE;
  }

  @Override
  public ObjectNode agentEvent(AgentRun run, PlannedEvent event, long startedAtMillis, long nowMillis) {
    PlannedFacts f = new PlannedFacts(event);
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", f.type());
    ObjectNode p = n.putObject("payload");
    p.put("run_id", run.runId());
    p.put("agent_name", f.agentName());
    p.put("thread_id", run.threadId());
    p.put("timestamp", epochSeconds(nowMillis));
    detail(f, p, startedAtMillis, nowMillis);
    return n;
  }

  /**
   * Epoch seconds as Python's {@code time.time()} writes them ({@code 1756905054.0279675}): seven
   * decimals, the digits below the millisecond made up.
   */
  static BigDecimal epochSeconds(long epochMillis) {
    return BigDecimal.valueOf(epochMillis * 10_000 + ThreadLocalRandom.current().nextInt(10_000), 7);
  }

  @Override
  public RunIds runIds() {
    return RunIds.THREAD_SCOPED;
  }

  @Override
  public boolean makesThreads() {
    return true;
  }
}
