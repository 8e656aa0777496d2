package io.chatload.reference;

import io.chatload.contract.Dialect;
import io.chatload.reference.agent.FaultPlan;
import io.chatload.reference.auth.AuthBypass;
import io.chatload.reference.buffer.BufferConfig;
import io.chatload.reference.agent.LatencyModel;
import io.chatload.reference.capacity.CapacityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Settings of the reference target. All {@code reference.*} properties (and the two environment
 * fallbacks) are read and validated here, once; a bad value fails with an {@link
 * IllegalArgumentException} naming the property and what it accepts. The canonical constructor
 * validates too, so the withers cannot build an invalid config.
 *
 * @param host loopback interface to bind ({@code 127.0.0.0/8}, {@code localhost} or {@code ::1})
 * @param port TCP port, 0 = ephemeral
 * @param latencyScale multiplies every agent delay; 0 = as fast as possible
 * @param faults fault spec, see {@link FaultPlan#ACCEPTED}; empty = none
 * @param seed makes fault and content decisions reproducible; null = random
 * @param jwtSecret HS256 secret; null = random per start
 * @param bypassKey {@code X-E2E-Bypass-Key} value; null = random per start
 * @param tls serve https/wss with a certificate for localhost generated at start
 * @param latency {@code random} or {@code fixed:a,b,c,d,e}, see {@link LatencyModel}
 * @param usersFile {@code email,password} CSV of extra users; null = {@link #DEFAULT_USERS_FILE}
 *     if it exists
 * @param maxMessageBytes largest client frame; bigger closes the socket with 1009
 * @param messagesPerMinute client messages (pings excluded) per user per sliding minute; 0 = no limit
 * @param connectionsPerUser open sockets per user
 * @param heartbeatSeconds server heartbeat period per socket; 0 = off
 * @param ioThreads Netty event-loop threads
 * @param maxThreadOwners how many thread_id → owner entries are remembered (LRU)
 * @param dialect which of the platform's wire dialects the target speaks ({@link Dialect})
 * @param tokenTtlSeconds lifetime of the access tokens login, test-auth and refresh issue
 * @param capacity agent workers, queue limit and rate limit; {@link CapacityConfig#OFF} by default
 * @param buffer frames kept for users with no open socket and sent on reconnect; {@link BufferConfig#DEFAULT} by default
 * @param authBypass whether sockets are let in without checking their token, as the platform's demo
 *     mode ({@code reference.demoMode}) or emergency auth ({@code reference.emergencyAuth}) does
 */
public record ReferenceConfig(
    String host,
    int port,
    double latencyScale,
    String faults,
    Long seed,
    String jwtSecret,
    String bypassKey,
    boolean tls,
    String latency,
    Path usersFile,
    int maxMessageBytes,
    int messagesPerMinute,
    int connectionsPerUser,
    int heartbeatSeconds,
    int ioThreads,
    int maxThreadOwners,
    Dialect dialect,
    int tokenTtlSeconds,
    CapacityConfig capacity,
    AuthBypass authBypass,
    BufferConfig buffer) {

  public static final String PREFIX = "reference.";
  public static final Path DEFAULT_USERS_FILE = Path.of("user-files", "feeders", "users.csv");
  public static final String ENV_JWT_SECRET = "JWT_SECRET_KEY";
  public static final String ENV_BYPASS_KEY = "E2E_OAUTH_SIMULATION_KEY";
  /** The real login's {@code expires_in}. */
  public static final int DEFAULT_TOKEN_TTL_SECONDS = 900;

  /** Every property this class reads; any other {@code reference.*} property is refused as a typo. */
  public static final List<String> PROPERTIES =
      List.of(
          "reference.host",
          "reference.port",
          "reference.latencyScale",
          "reference.latency",
          "reference.faults",
          "reference.seed",
          "reference.jwtSecret",
          "reference.bypassKey",
          "reference.tls",
          "reference.usersFile",
          "reference.maxMessageBytes",
          "reference.messagesPerMinute",
          "reference.connectionsPerUser",
          "reference.heartbeatSeconds",
          "reference.ioThreads",
          "reference.maxThreadOwners",
          "reference.dialect",
          "reference.tokenTtl",
          "reference.capacity",
          "reference.queueLimit",
          "reference.runsPerSecond",
          "reference.demoMode",
          "reference.emergencyAuth",
          "reference.buffer",
          "reference.buffer.perUser",
          "reference.buffer.global",
          "reference.buffer.seconds");

  public ReferenceConfig {
    host = host == null ? "127.0.0.1" : host.strip();
    if (!isLoopback(host)) {
      throw invalid("reference.host", host, "a loopback address: 127.x.x.x, localhost or ::1");
    }
    check(port >= 0 && port <= 65535, "reference.port", port, "0 (ephemeral) to 65535");
    check(latencyScale >= 0 && Double.isFinite(latencyScale), "reference.latencyScale", latencyScale, "a number >= 0");
    faults = faults == null ? "" : faults.strip();
    try {
      FaultPlan.parse(faults);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("reference.faults: " + e.getMessage(), e);
    }
    latency = latency == null || latency.isBlank() ? "random" : latency.strip();
    try {
      LatencyModel.parse(latency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("reference.latency: " + e.getMessage(), e);
    }
    if (jwtSecret != null && jwtSecret.isEmpty()) {
      throw invalid("reference.jwtSecret", "(empty)", "a non-empty secret, or unset for a random one");
    }
    if (bypassKey != null && bypassKey.isEmpty()) {
      throw invalid("reference.bypassKey", "(empty)", "a non-empty key, or unset for a random one");
    }
    if (usersFile != null && !Files.isRegularFile(usersFile)) {
      throw invalid("reference.usersFile", usersFile, "the path of an existing email,password CSV file");
    }
    check(maxMessageBytes >= 64 && maxMessageBytes <= 16 << 20, "reference.maxMessageBytes", maxMessageBytes, "64 to 16777216");
    check(messagesPerMinute >= 0, "reference.messagesPerMinute", messagesPerMinute, "an integer >= 0 (0 = no limit)");
    check(connectionsPerUser >= 1, "reference.connectionsPerUser", connectionsPerUser, "an integer >= 1");
    check(heartbeatSeconds >= 0, "reference.heartbeatSeconds", heartbeatSeconds, "an integer >= 0 (0 = off)");
    check(ioThreads >= 1 && ioThreads <= 64, "reference.ioThreads", ioThreads, "1 to 64");
    check(maxThreadOwners >= 1, "reference.maxThreadOwners", maxThreadOwners, "an integer >= 1");
    dialect = dialect == null ? Dialect.CONTRACT : dialect;
    check(tokenTtlSeconds >= 1, "reference.tokenTtl", tokenTtlSeconds, "a whole number of seconds >= 1");
    capacity = capacity == null ? CapacityConfig.OFF : capacity;
    authBypass = authBypass == null ? AuthBypass.OFF : authBypass;
    buffer = buffer == null ? BufferConfig.DEFAULT : buffer;
  }

  /** Loopback, ephemeral port, contract limits, random latency, no faults, random secrets. */
  public static ReferenceConfig defaults() {
    return new ReferenceConfig(
        "127.0.0.1", 0, 1.0, "", null, null, null, false, "random", null, 8192, 30, 3, 25, 2, 1_000_000,
        Dialect.CONTRACT, DEFAULT_TOKEN_TTL_SECONDS, CapacityConfig.OFF, AuthBypass.OFF, BufferConfig.DEFAULT);
  }

  /** Reads {@code reference.*} from {@code props}, falling back to the process environment for secrets. */
  public static ReferenceConfig fromProperties(Properties props) {
    return fromProperties(props, System.getenv());
  }

  /**
   * Reads {@code reference.*} from {@code props}; {@code JWT_SECRET_KEY} and {@code
   * E2E_OAUTH_SIMULATION_KEY} from {@code env} when the properties are unset.
   */
  public static ReferenceConfig fromProperties(Properties props, Map<String, String> env) {
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(PREFIX) && !PROPERTIES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown property " + name + "; accepted: " + String.join(", ", PROPERTIES));
      }
    }
    ReferenceConfig d = defaults();
    String secret = blankToNull(props.getProperty("reference.jwtSecret"));
    String key = blankToNull(props.getProperty("reference.bypassKey"));
    return new ReferenceConfig(
        read(props, "reference.host", d.host(), s -> s, "a loopback address"),
        read(props, "reference.port", d.port(), Integer::parseInt, "an integer 0 to 65535"),
        read(props, "reference.latencyScale", d.latencyScale(), Double::parseDouble, "a number >= 0"),
        props.getProperty("reference.faults", d.faults()),
        read(props, "reference.seed", null, Long::valueOf, "a whole number"),
        secret != null ? secret : blankToNull(env.get(ENV_JWT_SECRET)),
        key != null ? key : blankToNull(env.get(ENV_BYPASS_KEY)),
        read(props, "reference.tls", false, ReferenceConfig::parseBoolean, "true or false"),
        props.getProperty("reference.latency", d.latency()),
        read(props, "reference.usersFile", null, Path::of, "a file path"),
        read(props, "reference.maxMessageBytes", d.maxMessageBytes(), Integer::parseInt, "an integer"),
        read(props, "reference.messagesPerMinute", d.messagesPerMinute(), Integer::parseInt, "an integer"),
        read(props, "reference.connectionsPerUser", d.connectionsPerUser(), Integer::parseInt, "an integer"),
        read(props, "reference.heartbeatSeconds", d.heartbeatSeconds(), Integer::parseInt, "an integer"),
        read(props, "reference.ioThreads", d.ioThreads(), Integer::parseInt, "an integer"),
        read(props, "reference.maxThreadOwners", d.maxThreadOwners(), Integer::parseInt, "an integer"),
        read(props, "reference.dialect", d.dialect(), ReferenceConfig::parseDialect, Dialect.names()),
        read(props, "reference.tokenTtl", d.tokenTtlSeconds(), Integer::parseInt, "a whole number of seconds >= 1"),
        new CapacityConfig(
            read(props, "reference.capacity", 0, Integer::parseInt, "an integer >= 0 (agent workers; 0 = off)"),
            read(props, "reference.queueLimit", Integer.MAX_VALUE, Integer::parseInt, "an integer >= 0"),
            read(props, "reference.runsPerSecond", 0.0, Double::parseDouble, "a number >= 0 (0 = off)")),
        authBypass(
            read(props, "reference.demoMode", false, ReferenceConfig::parseBoolean, "true or false"),
            read(props, "reference.emergencyAuth", false, ReferenceConfig::parseBoolean, "true or false")),
        new BufferConfig(
            read(props, "reference.buffer", true, ReferenceConfig::parseOnOff, "on or off"),
            read(props, "reference.buffer.perUser", BufferConfig.DEFAULT.perUser(), Integer::parseInt, "an integer >= 1"),
            read(props, "reference.buffer.global", BufferConfig.DEFAULT.global(), Integer::parseInt, "an integer >= 1"),
            read(props, "reference.buffer.seconds", BufferConfig.DEFAULT.seconds(), Integer::parseInt, "a whole number of seconds >= 1")));
  }

  private static AuthBypass authBypass(boolean demoMode, boolean emergencyAuth) {
    if (demoMode && emergencyAuth) {
      throw new IllegalArgumentException("reference.demoMode=true and reference.emergencyAuth=true exclude each other;"
          + " accepted: at most one of them true");
    }
    return demoMode ? AuthBypass.DEMO : emergencyAuth ? AuthBypass.EMERGENCY : AuthBypass.OFF;
  }

  /** The users file to load: the configured one, else the default if it exists, else none. */
  public Path effectiveUsersFile() {
    if (usersFile != null) {
      return usersFile;
    }
    return Files.isRegularFile(DEFAULT_USERS_FILE) ? DEFAULT_USERS_FILE : null;
  }

  public FaultPlan faultPlan() {
    return FaultPlan.parse(faults);
  }

  public LatencyModel latencyModel() {
    return LatencyModel.parse(latency);
  }

  public ReferenceConfig withFaults(String spec) {
    return new ReferenceConfig(host, port, latencyScale, spec, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withLatencyScale(double scale) {
    return new ReferenceConfig(host, port, scale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withSeed(long s) {
    return new ReferenceConfig(host, port, latencyScale, faults, s, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withHost(String h) {
    return new ReferenceConfig(h, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withTls(boolean t) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, t, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withPort(int p) {
    return new ReferenceConfig(host, p, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withLatency(String spec) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, spec, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withJwtSecret(String secret) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, secret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withBypassKey(String key) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, key, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withUsersFile(Path file) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, file, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withMaxMessageBytes(int n) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, n, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withMessagesPerMinute(int n) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, n, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withConnectionsPerUser(int n) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, n, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withHeartbeatSeconds(int n) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, n, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withIoThreads(int n) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, n, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withMaxThreadOwners(int n) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, n, dialect, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withDialect(Dialect d) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, d, tokenTtlSeconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withTokenTtlSeconds(int seconds) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, seconds, capacity, authBypass, buffer);
  }

  public ReferenceConfig withCapacity(CapacityConfig c) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, c, authBypass, buffer);
  }

  public ReferenceConfig withAuthBypass(AuthBypass b) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, b, buffer);
  }

  public ReferenceConfig withBuffer(BufferConfig b) {
    return new ReferenceConfig(host, port, latencyScale, faults, seed, jwtSecret, bypassKey, tls, latency, usersFile, maxMessageBytes, messagesPerMinute, connectionsPerUser, heartbeatSeconds, ioThreads, maxThreadOwners, dialect, tokenTtlSeconds, capacity, authBypass, b);
  }

  /** Never prints the secret or the bypass key. */
  @Override
  public String toString() {
    return "ReferenceConfig[host=" + host + ", port=" + port + ", latencyScale=" + latencyScale
        + ", latency=" + latency + ", faults=" + faults + ", seed=" + seed
        + ", jwtSecret=" + (jwtSecret == null ? "random" : "(set)")
        + ", bypassKey=" + (bypassKey == null ? "random" : "(set)") + ", tls=" + tls
        + ", usersFile=" + usersFile + ", maxMessageBytes=" + maxMessageBytes
        + ", messagesPerMinute=" + messagesPerMinute + ", connectionsPerUser=" + connectionsPerUser
        + ", heartbeatSeconds=" + heartbeatSeconds + ", ioThreads=" + ioThreads
        + ", maxThreadOwners=" + maxThreadOwners + ", capacity=" + capacity + ", dialect=" + dialect.wireName()
        + ", tokenTtl=" + tokenTtlSeconds + ", authBypass=" + authBypass + ", buffer=" + buffer + "]";
  }

  static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] octets = h.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit) || Integer.parseInt(o) > 255) {
        return false;
      }
    }
    return true;
  }

  private static <T> T read(Properties props, String name, T fallback, Function<String, T> parse, String accepted) {
    String raw = blankToNull(props.getProperty(name));
    if (raw == null) {
      return fallback;
    }
    try {
      return parse.apply(raw.strip());
    } catch (RuntimeException e) {
      throw invalid(name, raw, accepted);
    }
  }

  private static Dialect parseDialect(String s) {
    return Dialect.fromName(s).orElseThrow(() -> new IllegalArgumentException(s));
  }

  private static Boolean parseOnOff(String s) {
    if (s.equalsIgnoreCase("on") || s.equalsIgnoreCase("off")) {
      return s.equalsIgnoreCase("on");
    }
    throw new IllegalArgumentException(s);
  }

  private static Boolean parseBoolean(String s) {
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException(s);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void check(boolean ok, String name, Object value, String accepted) {
    if (!ok) {
      throw invalid(name, value, accepted);
    }
  }

  private static IllegalArgumentException invalid(String name, Object value, String accepted) {
    return new IllegalArgumentException(name + "=" + value + " is invalid; accepted: " + accepted);
  }
}
