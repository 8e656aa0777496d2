package io.chatload.reference.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.reference.TestClient;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random garbage on the wire (fixed seed, bounded count): the target never crashes, answers every
 * bad frame with the contract's error (or closes an oversized one with 1009), and never lets one
 * user's data reach another user's idle socket.
 */
class GarbageFramesFuzzTest {
  private static final long SEED = 20261124L;
  private static final int FRAMES = 1500;

  private static final String[] SHAPES = {
      "", " ", "{", "}", "[]", "null", "42", "\"text\"", "{\"type\":null}", "{\"type\":42}", "{\"type\":[]}",
      "{\"type\":\"user_message\"}", "{\"type\":\"user_message\",\"payload\":\"x\"}",
      "{\"type\":\"user_message\",\"payload\":{\"content\":17}}", "{\"type\":\"user_message\",\"payload\":{\"content\":\"\"}}",
      "{\"type\":\"start_agent\",\"payload\":{}}", "{\"type\":\"no_such_type\"}", "{\"type\":\"chat\",\"content\":{}}",
      "{\"type\":\"user_message\",\"payload\":{\"content\":\"hi\",\"thread_id\":{\"$ne\":1}}}",
      "{\"type\":\"user_message\",\"payload\":{\"content\":\"hi\",\"thread_id\":\"VICTIM_THREAD\"}}",
      "{\"type\":\"ping\",\"timestamp\":\"yesterday\"}", "\u0000\u0001\u0002", "{\"type\":\"user_message\"" };

  @Test
  void garbageNeverCrashesTheTargetNorLeaksToAnotherUser() throws Exception {
    ReferenceConfig config = ReferenceConfig.defaults().withLatencyScale(0).withMessagesPerMinute(1_000_000)
        .withHeartbeatSeconds(0).withSeed(SEED);
    try (ReferenceTarget target = ReferenceTarget.start(config)) {
      // the victim: has a thread of its own, then sits idle while the attacker sends garbage
      TestClient.Ws victim = TestClient.connect(target, TestClient.mint(target, "victim-1"));
      victim.welcome();
      victim.send("{\"type\":\"user_message\",\"payload\":{\"content\":\"mine\",\"thread_id\":\"VICTIM_THREAD\"}}");
      victim.untilRunEnds();

      TestClient.Ws attacker = TestClient.connect(target, TestClient.mint(target, "attacker-1"));
      attacker.welcome();
      Random random = new Random(SEED);
      int errors = 0;
      for (int i = 0; i < FRAMES; i++) {
        String frame = random.nextInt(4) == 0 ? randomText(random) : SHAPES[random.nextInt(SHAPES.length)];
        if (random.nextInt(50) == 0) {
          attacker.socket.sendBinary(ByteBuffer.wrap(frame.getBytes()), true).join();
        } else {
          attacker.send(frame);
        }
        if (i % 100 == 99) {
          errors += attacker.drain(20).size();
        }
      }
      List<String> tail = attacker.drain(500);
      errors += tail.size();
      assertTrue(errors > FRAMES / 2, "bad frames are answered, not swallowed: " + errors);

      List<String> victimSaw = victim.drain(500);
      for (String frame : victimSaw) {
        JsonNode n = TestClient.json(frame);
        assertFalse(frame.contains("attacker-1"), "attacker data on the victim's socket: " + frame);
        assertTrue(n.path("type").asText().matches("heartbeat|pong"), "victim idle, got " + frame);
      }

      // still serving, counters sane
      JsonNode health = TestClient.json(TestClient.get(java.net.URI.create(target.backendUrl() + "/health")).body());
      assertEquals("healthy", health.path("status").asText());
      assertTrue(health.path("counters").path("socketsOpen").asInt() >= 1);
      TestClient.Ws fresh = TestClient.connect(target, TestClient.mint(target, "after-fuzz"));
      fresh.welcome();
      fresh.send("{\"type\":\"user_message\",\"payload\":{\"content\":\"still there?\",\"thread_id\":\"t-after\"}}");
      List<JsonNode> run = fresh.untilRunEnds();
      assertEquals("agent_completed", run.get(run.size() - 1).path("type").asText());

      // an oversized frame closes with the contract's 1009
      attacker.send("x".repeat(config.maxMessageBytes() + 1));
      assertEquals(1009, attacker.awaitClose());
    }
  }

  private static String randomText(Random random) {
    int len = random.nextInt(300);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append((char) (random.nextInt(0x7E - 0x20) + 0x20));
    }
    return sb.toString();
  }
}
