package io.chatload.reference;

import io.chatload.reference.agent.AgentRunPlanner;
import io.chatload.reference.auth.TokenIssuer;
import io.chatload.reference.auth.UserDirectory;
import io.chatload.reference.server.ReferenceServer;
import io.chatload.reference.server.SelfSignedTls;
import io.chatload.reference.server.TargetServices;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The embedded reference target: an in-process emulator of the chat platform (auth + backend on
 * one loopback port). {@code start} returns once bound; {@code close} is idempotent and frees the
 * port. {@link #counters()} records what it did (also on {@code /health}).
 */
public final class ReferenceTarget implements AutoCloseable {
  private final ReferenceConfig config;
  private final ReferenceServer server;
  private final TargetCounters counters;
  private final String jwtSecret;
  private final String bypassKey;
  private final URI httpBase;
  private final URI wsUrl;
  private final SelfSignedTls tls;

  private ReferenceTarget(ReferenceConfig config, ReferenceServer server, TargetCounters counters, String jwtSecret, String bypassKey,
      SelfSignedTls tls) {
    this.config = config;
    this.server = server;
    this.counters = counters;
    this.jwtSecret = jwtSecret;
    this.bypassKey = bypassKey;
    this.tls = tls;
    int port = server.address().getPort();
    this.httpBase = httpUrl(config, port);
    this.wsUrl = wsUrl(config, port);
  }

  /** The http(s) base URL a target with {@code config} serves on {@code port}. */
  public static URI httpUrl(ReferenceConfig config, int port) {
    return URI.create((config.tls() ? "https://" : "http://") + urlHost(config) + ":" + port);
  }

  /** The ws(s) URL a target with {@code config} serves on {@code port}. */
  public static URI wsUrl(ReferenceConfig config, int port) {
    return URI.create((config.tls() ? "wss://" : "ws://") + urlHost(config) + ":" + port + "/ws");
  }

  private static String urlHost(ReferenceConfig config) {
    if (config.tls()) {
      return SelfSignedTls.HOST; // the name the generated certificate is for
    }
    return config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
  }

  /** Starts on {@code config.host():config.port()} (port 0 = ephemeral) and returns once bound. */
  public static ReferenceTarget start(ReferenceConfig config) {
    String secret = config.jwtSecret() != null ? config.jwtSecret() : randomToken();
    String key = config.bypassKey() != null ? config.bypassKey() : randomToken();
    Path usersFile = config.effectiveUsersFile();
    UserDirectory users = usersFile == null ? UserDirectory.patternOnly() : UserDirectory.withCsv(usersFile);
    TargetCounters counters = new TargetCounters();
    AgentRunPlanner planner =
        new AgentRunPlanner(config.latencyModel(), config.faultPlan(), config.latencyScale(), config.seed());
    TargetServices services = new TargetServices(config, counters, new TokenIssuer(secret, java.time.Duration.ofSeconds(config.tokenTtlSeconds())), users, planner, key);
    SelfSignedTls tls = config.tls() ? SelfSignedTls.generate() : null;
    ReferenceServer server = ReferenceServer.bind(config.host(), config.port(), services, tls);
    return new ReferenceTarget(config, server, counters, secret, key, tls);
  }

  /** e.g. {@code http://127.0.0.1:41234} — serves /auth/* */
  public URI authUrl() {
    return httpBase;
  }

  /** e.g. {@code http://127.0.0.1:41234} — serves /health */
  public URI backendUrl() {
    return httpBase;
  }

  /** e.g. {@code ws://127.0.0.1:41234/ws} */
  public URI wsUrl() {
    return wsUrl;
  }

  /** The bound port. */
  public int port() {
    return server.address().getPort();
  }

  /** The HS256 secret this instance signs and verifies with (configured or random per start). */
  public String jwtSecret() {
    return jwtSecret;
  }

  /** The value {@code X-E2E-Bypass-Key} must carry for {@code /auth/e2e/test-auth}. */
  public String bypassKey() {
    return bypassKey;
  }

  /** With {@code reference.tls=true}: a JDK client context that trusts this target's certificate. */
  public Optional<SSLContext> clientTlsContext() {
    return Optional.ofNullable(tls).map(SelfSignedTls::clientContext);
  }

  public ReferenceConfig config() {
    return config;
  }

  /** Live counters: sockets, runs, events, logins, faults injected. */
  public TargetCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    server.close();
  }

  private static String randomToken() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
