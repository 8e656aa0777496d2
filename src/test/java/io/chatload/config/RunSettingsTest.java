package io.chatload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunSettingsTest {
  private static final LoadSettings DEFAULTS = LoadSettings.closed(10).ratePerSec(2)
      .ramp(Duration.ofSeconds(5)).hold(Duration.ofSeconds(10)).turns(2).thinking(Duration.ofSeconds(3), Duration.ofSeconds(5));

  private static RunSettings load(Map<String, String> env, String... props) {
    Properties p = new Properties();
    p.setProperty(RunSettings.DEFAULT_TARGET_PROPERTY, "embedded"); // as ./mvnw gatling:test sets it
    for (String kv : props) {
      int eq = kv.indexOf('=');
      p.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return RunSettings.load(p, env, DEFAULTS);
  }

  private static String error(Map<String, String> env, String... props) {
    return assertThrows(ConfigurationException.class, () -> load(env, props)).getMessage();
  }

  @Test
  void embeddedIsTheDefaultWithEveryAuthModeReady() {
    RunSettings run = load(Map.of());
    TargetSettings t = run.target();
    assertTrue(t.embedded());
    assertEquals("127.0.0.1", t.backendUrl().getHost());
    assertEquals("ws", t.wsUrl().getScheme());
    assertTrue(t.jwtSecret().isPresent() && t.bypassKey().isPresent());
    assertFalse(t.describe().contains(t.jwtSecret().get().reveal()), "no secret on the console");
    assertEquals(10, run.load().users());
    assertEquals("user-files/sla/embedded.json", run.sla().source());
  }

  @Test
  void withoutTheLocalDefaultATargetMustBeNamed() {
    // Gatling Enterprise runs the package without the pom's JVM options: nothing embedded starts by surprise
    String msg = assertThrows(ConfigurationException.class,
        () -> RunSettings.load(new Properties(), Map.of(), DEFAULTS)).getMessage();
    assertTrue(msg.startsWith("target: none given; name one with -Dtarget=<embedded|local|staging>"), msg);
    Properties urls = new Properties();
    urls.setProperty("target.backendUrl", "http://127.0.0.1:9/");
    assertFalse(RunSettings.load(urls, Map.of(), DEFAULTS).target().embedded());
  }

  @Test
  void givenUrlsMeanNoEmbeddedTargetAndDerivedWsUrl() {
    TargetSettings t = load(Map.of(), "target.backendUrl=https://api.example.com/").target();
    assertFalse(t.embedded());
    assertEquals("wss://api.example.com/ws", t.wsUrl().toString());
    assertEquals(t.backendUrl(), t.authUrl());
  }

  @Test
  void loadKnobsOverrideTheSimulationDefaults() {
    LoadSettings l = load(Map.of(), "users=42", "ramp=1.5", "hold=0", "turns=1", "injection=open", "rate=3").load();
    assertEquals(42, l.users());
    assertEquals(Duration.ofMillis(1500), l.ramp());
    assertEquals(LoadSettings.Injection.OPEN, l.injection());
    assertEquals(3.0, l.ratePerSec());
  }

  @Test
  void autoStopIsOnUnlessTurnedOff() {
    assertTrue(load(Map.of()).autoStop());
    assertTrue(!load(Map.of(), "abort=false").autoStop());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "target=nope|target=nope is unknown: no user-files/targets/nope.properties; available profiles: embedded, local, staging",
      "users=0|users=0 is not allowed",
      "users=many|users=many is not a whole number",
      "hold=-5|hold=-5.0 is not allowed",
      "target.auth=oauth|target.auth=oauth is unknown; accepted values: login, e2e-bypass, mint",
      "target.wsAuth=cookie|accepted values: header, subprotocol",
      "target.message=chat|target.message=chat is unknown; accepted values: contract, frontend, run-agent",
      "target.wsUrl=http://x/ws|target.wsUrl=http://x/ws has scheme 'http'; accepted schemes: ws, wss",
      "target.backendUrl=not a url|target.backendUrl=not a url is not a valid URL",
      "target.backendUrl=ftp://x|accepted schemes: http, https",
      "thinkMin=1|thinkMin=1.0 is too short",
      "sla=missing-profile|sla=missing-profile is unknown",
      "injection=burst|injection=burst is unknown; accepted values: closed, open, at-once",
      "history.window=0|history.window=0 is not allowed",
      "history.runs=many|history.runs=many is not a whole number",
      "abort=no|abort=no is not allowed; accepted values: true, false",
      "reconnect=retry|reconnect=retry is unknown; accepted values: replay, resend",
      "messagesPerMinute=0|messagesPerMinute=0 is not allowed",
      // each was a forked Gatling run ending with exit code 3; that wiring is endtoend/RobustnessIT's bad wsUrl
      "baseline=nowhere/sla-summary.json|baseline=nowhere/sla-summary.json: no such file",
      "injector.strict=yes|injector.strict=yes is not allowed; accepted values: true, false",
  })
  void badValuesNameThePropertyAndTheAcceptedValues(String prop, String expected) {
    String msg = error(Map.of(), prop);
    assertTrue(msg.contains(expected), msg);
  }

  @Test
  void authModesNeedTheirSecretFromTheEnvironmentOnARealTarget() {
    assertTrue(error(Map.of(), "target=staging", "target.auth=mint").contains("environment variable JWT_SECRET_KEY"));
    assertTrue(error(Map.of(), "target=staging").contains("environment variable E2E_OAUTH_SIMULATION_KEY"));
    TargetSettings t = load(Map.of("E2E_OAUTH_SIMULATION_KEY", "k-123"), "target=staging").target();
    assertEquals("k-123", t.bypassKey().get().reveal());
    assertEquals("<redacted>", t.bypassKey().get().toString());
  }

  @Test
  void historyIsAFolderOrAFileAndItsWindowsAreReadHere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    TrendSettings none = load(Map.of()).trend();
    assertTrue(none.history().isEmpty());
    assertEquals(7, none.historyWindow());
    assertEquals(30, none.historyRuns());
    TrendSettings folder = load(Map.of(), "history=" + dir, "history.window=5", "history.runs=12").trend();
    assertEquals(dir.resolve("sla-history.jsonl"), folder.history().get());
    assertEquals(5, folder.historyWindow());
    assertEquals(12, folder.historyRuns());
    java.nio.file.Path file = dir.resolve("nightly.jsonl");
    assertEquals(file, load(Map.of(), "history=" + file).trend().history().get(), "a file that does not exist yet: the first run starts it");
    java.nio.file.Files.writeString(file, "not json\n");
    assertTrue(error(Map.of(), "history=" + file).contains("is not a run history"));
  }

  @Test
  void injectorsStartedByHandEachNameTheirShare() {
    assertEquals(InjectorShare.WHOLE, load(Map.of()).share());
    InjectorShare second = load(Map.of(), "injector.index=2", "injector.count=3").share();
    assertEquals(333, second.firstStripe());
    assertEquals(666, second.endStripe());
    assertEquals("injector.index=4 is not allowed with injector.count=3: injectors are numbered 1 to 3",
        error(Map.of(), "injector.index=4", "injector.count=3"));
    assertTrue(error(Map.of(), "injector.index=2").startsWith("injector.index and injector.count go together"));
    assertTrue(error(Map.of(), "injector.count=1001", "injector.index=1").startsWith("injector.count=1001 is not allowed: 1 to 1000"));
    assertEquals("injector.index=0 is not allowed: it must be a whole number > 0", error(Map.of(), "injector.index=0", "injector.count=2"));
  }

  @Test
  void thePlatformsMessageLimitAndWhatAReconnectAwaitsAreSettings() {
    RunSettings d = load(Map.of());
    assertEquals(RunSettings.MESSAGES_PER_MINUTE_LIMIT, d.messagesPerMinute());
    assertEquals(AfterReconnect.REPLAY, d.afterReconnect());
    // staging's 100 per minute allows 0.6 s between messages
    RunSettings staging = load(Map.of(), "messagesPerMinute=100", "thinkMin=1", "reconnect=resend");
    assertEquals(100, staging.messagesPerMinute());
    assertEquals(AfterReconnect.RESEND, staging.afterReconnect());
  }
}
