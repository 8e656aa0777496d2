package io.chatload.reference;

import java.util.Properties;

/**
 * Settings of the reference target, read once from {@code reference.*} system properties.
 * Skeleton — the reference-target work owns and extends it.
 */
public record ReferenceConfig(
    String host,
    int port,
    double latencyScale,
    String faults,
    Long seed,
    String jwtSecret,
    String bypassKey,
    boolean tls) {

  public static ReferenceConfig defaults() {
    return new ReferenceConfig("127.0.0.1", 0, 1.0, "", null, null, null, false);
  }

  /** Reads {@code reference.port, reference.latencyScale, reference.faults, reference.seed, ...}. */
  public static ReferenceConfig fromProperties(Properties props) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public ReferenceConfig withFaults(String spec) {
    return new ReferenceConfig(host, port, latencyScale, spec, seed, jwtSecret, bypassKey, tls);
  }

  public ReferenceConfig withLatencyScale(double scale) {
    return new ReferenceConfig(host, port, scale, faults, seed, jwtSecret, bypassKey, tls);
  }

  public ReferenceConfig withSeed(long s) {
    return new ReferenceConfig(host, port, latencyScale, faults, s, jwtSecret, bypassKey, tls);
  }

  public ReferenceConfig withPort(int p) {
    return new ReferenceConfig(host, p, latencyScale, faults, seed, jwtSecret, bypassKey, tls);
  }

  public ReferenceConfig withJwtSecret(String secret) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, secret, bypassKey, tls);
  }

  public ReferenceConfig withBypassKey(String key) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, key, tls);
  }
}
