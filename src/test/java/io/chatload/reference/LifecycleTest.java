package io.chatload.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.reference.TestClient.Ws;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void closeFreesThePortClosesSocketsAndIsIdempotent() throws Exception {
    ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withLatency("fixed:5000,5000,5000,5000,5000"));
    int port = t.port();
    assertTrue(port > 0);
    assertEquals("ws://127.0.0.1:" + port + "/ws", t.wsUrl().toString());
    Ws ws = TestClient.connect(t, TestClient.mint(t, "loadtest-1"));
    ws.welcome();
    ws.send(TestClient.userMessage("a long run", "t-life")); // pending scheduled events
    Thread.sleep(50);
    t.close();
    t.close();
    ws.closeCode.handle((c, e) -> 0).get(5, java.util.concurrent.TimeUnit.SECONDS); // socket closed by the server
    try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      assertEquals(port, s.getLocalPort());
    }
  }

  @Test
  void fixedPortAndRestartOnIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    for (int i = 0; i < 2; i++) {
      try (ReferenceTarget t = ReferenceTarget.start(TestClient.fast().withPort(port))) {
        assertEquals(200, TestClient.get(t.backendUrl().resolve("/health")).statusCode());
      }
    }
  }

  @Test
  void nonLoopbackHostIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceTarget.start(ReferenceConfig.defaults().withHost("0.0.0.0")));
    assertTrue(e.getMessage().contains("reference.host"));
  }
}
