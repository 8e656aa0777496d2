package io.chatload.reference.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Dialect;
import io.chatload.contract.Json;
import io.chatload.contract.MessageTypes;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.agent.AgentRun;
import io.chatload.reference.agent.PlannedEvent;
import io.chatload.reference.agent.UnixTime;
import java.math.BigDecimal;

/** Our idealised contract (the default): {@code {type, data:{run_id, thread_id, user_id, ...}, timestamp}}, 403 refusals, limits enforced. */
class ContractDialect implements WireDialect {

  @Override
  public Dialect name() {
    return Dialect.CONTRACT;
  }

  @Override
  public ObjectNode agentEvent(AgentRun run, PlannedEvent event, long startedAtMillis, long nowMillis) {
    return run.render(event, startedAtMillis, nowMillis);
  }

  @Override
  public ObjectNode welcome(String userId, String connectionId, ReferenceConfig config) {
    BigDecimal now = UnixTime.now();
    ObjectNode welcome = Json.MAPPER.createObjectNode();
    welcome.put("type", MessageTypes.SYSTEM_MESSAGE);
    ObjectNode data = welcome.putObject("data");
    data.put("event", MessageTypes.CONNECTION_ESTABLISHED);
    data.put("connection_ready", true);
    data.put("connection_id", connectionId);
    data.put("user_id", userId);
    data.put("server_time", now);
    welcome.put("timestamp", now);
    return welcome;
  }

  @Override
  public ObjectNode keepAlive(String connectionId, SessionStats stats) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "heartbeat");
    n.put("timestamp", UnixTime.now());
    return n;
  }

  @Override
  public ObjectNode pong(String userId) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", MessageTypes.PONG);
    n.put("timestamp", UnixTime.now());
    return n;
  }

  @Override
  public ObjectNode heartbeatAck(String connectionId) {
    return null;
  }

  @Override
  public AuthRefusal authRefusal() {
    return AuthRefusal.HANDSHAKE_403;
  }

  @Override
  public boolean echoesTokenSubprotocol() {
    return false;
  }

  @Override
  public boolean enforcesMessageLimits() {
    return true;
  }

  @Override
  public boolean bareHealth() {
    return false;
  }
}
