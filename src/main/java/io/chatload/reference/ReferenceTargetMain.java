package io.chatload.reference;

import java.util.concurrent.CountDownLatch;

/**
 * Serves the reference target until Ctrl-C: {@code ./mvnw -q compile exec:java@reference-target
 * -Dreference.port=8002}. Prints its URLs, never its secret or bypass key.
 */
public final class ReferenceTargetMain {
  private ReferenceTargetMain() {}

  public static void main(String[] args) throws InterruptedException {
    ReferenceConfig config;
    try {
      config = ReferenceConfig.fromProperties(System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid reference target configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    ReferenceTarget target = ReferenceTarget.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  target.close();
                  stopped.countDown();
                },
                "reference-target-shutdown"));
    System.out.println("Reference target listening");
    System.out.println("  auth:    " + target.authUrl());
    System.out.println("  backend: " + target.backendUrl() + "  (GET /health)");
    System.out.println("  ws:      " + target.wsUrl());
    System.out.println("  jwt secret: " + (config.jwtSecret() != null ? "from reference.jwtSecret / JWT_SECRET_KEY" : "random for this run (set JWT_SECRET_KEY to mint tokens)"));
    System.out.println("  config:  " + config);
    System.out.println("Ctrl-C to stop.");
    stopped.await();
  }
}
