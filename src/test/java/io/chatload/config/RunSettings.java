package io.chatload.config;

import io.chatload.injector.InjectorSettings;
import io.chatload.sla.SlaSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a run is configured with, read and validated in this one place before any load:
 * the target (profile file {@code user-files/targets/<name>.properties} overridden by
 * {@code -Dtarget.*}), the load shape ({@code -Dusers -Dramp -Dhold -Dturns ...}) and the SLA
 * ({@code user-files/sla/<profile>.json} or {@code -Dsla=<path>}).
 */
public record RunSettings(
    TargetSettings target, LoadSettings load, SlaSpec sla, Duration healthInterval, int steps, TrendSettings trend, boolean autoStop,
    InjectorSettings injector, InjectorShare share, AfterReconnect afterReconnect, int messagesPerMinute) {

  /** Settings of a lone injector (the whole of the identities). */
  public RunSettings(TargetSettings target, LoadSettings load, SlaSpec sla, Duration healthInterval, int steps, TrendSettings trend,
      boolean autoStop, InjectorSettings injector) {
    this(target, load, sla, healthInterval, steps, trend, autoStop, injector, InjectorShare.WHOLE, AfterReconnect.REPLAY,
        MESSAGES_PER_MINUTE_LIMIT);
  }

  /** Settings with the injector watch's defaults. */
  public RunSettings(TargetSettings target, LoadSettings load, SlaSpec sla, Duration healthInterval, int steps, TrendSettings trend,
      boolean autoStop) {
    this(target, load, sla, healthInterval, steps, trend, autoStop, InjectorSettings.DEFAULT);
  }

  public RunSettings withTarget(TargetSettings t) {
    return new RunSettings(t, load, sla, healthInterval, steps, trend, autoStop, injector, share, afterReconnect, messagesPerMinute);
  }

  public static final String ENV_JWT_SECRET = "JWT_SECRET_KEY";
  public static final String ENV_BYPASS_KEY = "E2E_OAUTH_SIMULATION_KEY";
  public static final String ENV_LOADTEST_PASSWORD = "LOADTEST_PASSWORD";
  /** The reference target's seeded password: a fixture, not a secret. */
  static final String SEEDED_PASSWORD = "loadtest-password";
  /**
   * The platform's per-user message limit (PROTOCOL.md: 30 in production; the payload-era releases
   * allow 100 on staging, 300 in development), {@code -DmessagesPerMinute}: think time must respect
   * it, and RateLimit sends past it.
   */
  public static final int MESSAGES_PER_MINUTE_LIMIT = 30;

  static final Set<String> SHIPPED_PROFILES = Set.of("embedded", "local", "staging");
  static final Set<String> URL_PROPERTIES = Set.of("target.authUrl", "target.backendUrl", "target.wsUrl");
  /** The profile used when none is named: set by the pom for local runs only. */
  public static final String DEFAULT_TARGET_PROPERTY = "target.default";

  /**
   * Reads system properties and the environment for {@code simulation}, whose load defaults are
   * {@code defaults}.
   */
  public static RunSettings load(String simulation, LoadSettings defaults) {
    return load(System.getProperties(), System.getenv(), simulation, defaults);
  }

  public static RunSettings load(Properties sys, Map<String, String> env, LoadSettings defaults) {
    return load(sys, env, "", defaults);
  }

  public static RunSettings load(Properties sys, Map<String, String> env, String simulation, LoadSettings defaults) {
    boolean urlsGiven = URL_PROPERTIES.stream().anyMatch(u -> sys.getProperty(u) != null);
    String profileName = profileName(sys, urlsGiven);
    Properties profile = loadProfile(profileName);
    Settings s = new Settings(sys, profile, env);
    TargetSettings target = target(profileName, urlsGiven, s);
    // the platform's per-user message limit: think time must respect it, RateLimit sends past it
    int messagesPerMinute = s.positiveInt("messagesPerMinute", MESSAGES_PER_MINUTE_LIMIT);
    LoadSettings load = load(s, defaults, messagesPerMinute);
    // -Dsla, else the simulation's own thresholds for this profile, else the profile's
    String slaProfile = s.string("target.sla").orElse(profileName);
    String slaRef = s.string("sla").orElseGet(() -> SlaSpec.exists(slaProfile + "/" + simulation) ? slaProfile + "/" + simulation : slaProfile);
    SlaSpec sla = SlaSpec.load(slaRef);
    // a probe of /health during the load (0 = none), with its own SLA (requests.health)
    Duration healthInterval = seconds(s, "health.interval", Duration.ofSeconds(5), true);
    // load steps of a capacity run (Stress)
    int steps = s.positiveInt("steps", 6);
    // auto-stop of a lost run (the SLA file's abort rule); false lets a Stress run past the cliff
    boolean autoStop = s.bool("abort", true);
    // the injector watching itself: thresholds of "saturated", -Dinjector.strict
    InjectorSettings injector = InjectorSettings.read(s);
    // this injector's share of the identities when several are started by hand (-Dinjector.index/-Dinjector.count)
    InjectorShare share = InjectorShare.read(s);
    // a turn interrupted by a lost socket: await the platform's replay of the rest, or send it again
    AfterReconnect afterReconnect = s.choice("reconnect", AfterReconnect.class, AfterReconnect.REPLAY);
    return new RunSettings(target, load, sla, healthInterval, steps, trend(s), autoStop, injector, share, afterReconnect, messagesPerMinute);
  }

  /**
   * {@code -Dtarget}; else, with URLs given, the embedded profile's defaults for everything but the
   * URLs; else {@code -Dtarget.default}, which only gatling-maven-plugin's JVM options set (pom.xml):
   * {@code ./mvnw gatling:test} starts the embedded target by itself, a Gatling Enterprise load
   * generator never does.
   */
  private static String profileName(Properties sys, boolean urlsGiven) {
    Optional<String> named = nonBlank(sys.getProperty("target"));
    if (named.isPresent()) {
      return named.get();
    }
    if (urlsGiven) {
      return "embedded";
    }
    return nonBlank(sys.getProperty(DEFAULT_TARGET_PROPERTY)).orElseThrow(() -> new ConfigurationException(
        "target: none given; name one with -Dtarget=<" + String.join("|", new TreeSet<>(SHIPPED_PROFILES))
            + "> or give -Dtarget.backendUrl (and -Dtarget.authUrl, -Dtarget.wsUrl). Only ./mvnw gatling:test starts"
            + " the embedded reference target by itself; on Gatling Enterprise set them in the load generators' system properties"));
  }

  private static Optional<String> nonBlank(String v) {
    return Optional.ofNullable(v).map(String::trim).filter(x -> !x.isEmpty());
  }

  private static TargetSettings target(String profile, boolean urlsGiven, Settings s) {
    boolean embedded = !urlsGiven && Boolean.parseBoolean(s.string("target.embedded").orElse("false"));
    AuthMode auth = s.choice("target.auth", AuthMode.class, AuthMode.LOGIN);
    WsAuth wsAuth = s.choice("target.wsAuth", WsAuth.class, WsAuth.HEADER);
    MessageStyle message = s.choice("target.message", MessageStyle.class, MessageStyle.CONTRACT);
    boolean sharedUser = s.bool("target.sharedUser", false);

    URI authUrl;
    URI backendUrl;
    URI wsUrl;
    Optional<Secret> jwtSecret;
    Optional<Secret> bypassKey;
    if (embedded) {
      int port = freeLoopbackPort();
      backendUrl = URI.create("http://127.0.0.1:" + port);
      authUrl = backendUrl;
      wsUrl = URI.create("ws://127.0.0.1:" + port + "/ws");
      // the embedded target is configured with these, so every auth mode works out of the box
      jwtSecret = Optional.of(s.envVar(ENV_JWT_SECRET).map(Secret::of).orElseGet(RunSettings::randomSecret));
      bypassKey = Optional.of(s.envVar(ENV_BYPASS_KEY).map(Secret::of).orElseGet(RunSettings::randomSecret));
    } else {
      Optional<URI> givenWs = s.string("target.wsUrl").map(v -> wsUrl("target.wsUrl", v));
      Optional<URI> givenAuth = s.string("target.authUrl").map(v -> httpUrl("target.authUrl", v));
      backendUrl =
          httpUrl("target.backendUrl", s.string("target.backendUrl").orElseThrow(() -> new ConfigurationException(
              "target.backendUrl is required for target '" + profile + "' (e.g. -Dtarget.backendUrl=https://api.example.com)")));
      authUrl = givenAuth.orElse(backendUrl);
      wsUrl = givenWs.orElseGet(() -> derivedWsUrl(backendUrl));
      jwtSecret = s.envVar(ENV_JWT_SECRET).map(Secret::of);
      bypassKey = s.envVar(ENV_BYPASS_KEY).map(Secret::of);
      if (auth == AuthMode.MINT && jwtSecret.isEmpty()) {
        throw new ConfigurationException(
            "target.auth=mint needs the signing secret in environment variable " + ENV_JWT_SECRET + ", which is not set");
      }
      if (auth == AuthMode.E2E_BYPASS && bypassKey.isEmpty()) {
        throw new ConfigurationException(
            "target.auth=e2e-bypass needs the bypass key in environment variable " + ENV_BYPASS_KEY + ", which is not set");
      }
    }
    Secret password = Secret.of(s.envVar(ENV_LOADTEST_PASSWORD).orElse(SEEDED_PASSWORD));
    return new TargetSettings(profile, embedded, authUrl, backendUrl, wsUrl, auth, wsAuth, message, sharedUser, jwtSecret, bypassKey, password);
  }

  private static TrendSettings trend(Settings s) {
    Optional<Path> baseline = s.string("baseline").map(Path::of);
    if (baseline.isPresent()) {
      Path file = baseline.get();
      if (!Files.isRegularFile(file)) {
        throw new ConfigurationException("baseline=" + file + ": no such file (give the sla-summary.json of an earlier run)");
      }
      try {
        io.chatload.report.SlaSummary.readJson(file);
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException("baseline=" + file + " is not an sla-summary.json: " + e.getMessage().split("\n")[0]);
      }
    }
    double tolerance = s.nonNegativeDouble("baseline.tolerance", 10);
    boolean fail = s.bool("baseline.failOnRegression", false);
    // -Dhistory: a folder or a .jsonl file that need not exist yet (the first night starts it)
    Optional<Path> history = s.string("history").map(Path::of).map(TrendSettings::historyFile);
    if (history.isPresent() && Files.isRegularFile(history.get())) {
      try {
        io.chatload.report.RunHistory.read(history.get());
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException("history=" + history.get() + " is not a run history (" + TrendSettings.HISTORY_FILE + "): "
            + String.valueOf(e.getMessage()).split("\n")[0]);
      }
    }
    int window = s.positiveInt("history.window", TrendSettings.DEFAULT_HISTORY_WINDOW);
    int runs = s.positiveInt("history.runs", TrendSettings.DEFAULT_HISTORY_RUNS);
    return new TrendSettings(baseline, tolerance, fail, history, window, runs);
  }


  /** The trend settings alone, for regenerating a summary outside a simulation (RunSummary's main). */
  public static TrendSettings trend(Properties sys) {
    return trend(new Settings(sys, new Properties(), Map.of()));
  }

  private static LoadSettings load(Settings s, LoadSettings d, int messagesPerMinute) {
    LoadSettings.Injection injection = s.choice("injection", LoadSettings.Injection.class, d.injection());
    int users = s.positiveInt("users", d.users());
    double rate = s.nonNegativeDouble("rate", d.ratePerSec());
    if (injection == LoadSettings.Injection.OPEN && rate <= 0) {
      throw new ConfigurationException("rate=" + rate + " is not allowed with injection=open: new users per second must be > 0");
    }
    Duration ramp = seconds(s, "ramp", d.ramp(), true);
    Duration hold = seconds(s, "hold", d.hold(), true);
    if (ramp.isZero() && hold.isZero() && injection == LoadSettings.Injection.OPEN) {
      throw new ConfigurationException("ramp and hold are both 0: an open-model run needs a duration > 0");
    }
    int turns = s.positiveInt("turns", d.turns());
    Duration thinkMin = seconds(s, "thinkMin", d.thinkMin(), true);
    Duration thinkMax = seconds(s, "thinkMax", d.thinkMax(), true);
    if (thinkMax.compareTo(thinkMin) < 0) {
      throw new ConfigurationException("thinkMax=" + thinkMax.toMillis() / 1000.0 + " is below thinkMin=" + thinkMin.toMillis() / 1000.0);
    }
    double minGapSeconds = 60.0 / messagesPerMinute;
    if (turns > 1 && thinkMin.toMillis() < minGapSeconds * 1000) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "thinkMin=%.1f is too short: users would exceed the platform's limit of %d messages per minute (think at least %.1f s)",
          thinkMin.toMillis() / 1000.0, messagesPerMinute, minGapSeconds));
    }
    return new LoadSettings(injection, users, rate, ramp, hold, turns, thinkMin, thinkMax);
  }

  private static Duration seconds(Settings s, String name, Duration fallback, boolean zeroAllowed) {
    double v = s.nonNegativeDouble(name, fallback.toMillis() / 1000.0);
    if (!zeroAllowed && v == 0) {
      throw new ConfigurationException(name + "=0 is not allowed: it must be > 0 seconds");
    }
    return Duration.ofMillis(Math.round(v * 1000));
  }

  static URI httpUrl(String name, String value) {
    return url(name, value, Set.of("http", "https"));
  }

  static URI wsUrl(String name, String value) {
    return url(name, value, Set.of("ws", "wss"));
  }

  private static URI url(String name, String value, Set<String> schemes) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(name + "=" + value + " is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.contains(scheme)) {
      throw new ConfigurationException(
          name + "=" + value + " has scheme '" + scheme + "'; accepted schemes: " + String.join(", ", new TreeSet<>(schemes)));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ConfigurationException(name + "=" + value + " has no host");
    }
    return uri;
  }

  private static URI derivedWsUrl(URI backend) {
    String scheme = "https".equalsIgnoreCase(backend.getScheme()) ? "wss" : "ws";
    String path = backend.getPath() == null ? "" : backend.getPath().replaceAll("/+$", "");
    try {
      return new URI(scheme, null, backend.getHost(), backend.getPort(), path + "/ws", null, null);
    } catch (URISyntaxException e) {
      throw new ConfigurationException("cannot derive target.wsUrl from target.backendUrl=" + backend + ": set target.wsUrl");
    }
  }

  static Properties loadProfile(String name) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigurationException("target=" + name + " is not a profile name (letters, digits, '.', '_', '-')");
    }
    Properties p = new Properties();
    String resource = "targets/" + name + ".properties";
    try (InputStream in = RunSettings.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigurationException(
            "target=" + name + " is unknown: no user-files/targets/" + name + ".properties; available profiles: " + String.join(", ", availableProfiles()));
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  static Set<String> availableProfiles() {
    Set<String> names = new TreeSet<>(SHIPPED_PROFILES);
    Path dir = Path.of("user-files", "targets");
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".properties"))
            .forEach(f -> names.add(f.substring(0, f.length() - ".properties".length())));
      } catch (IOException ignored) {
        // the shipped names are still right
      }
    }
    return names;
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the embedded target", e);
    }
  }

  private static Secret randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
  }
}
