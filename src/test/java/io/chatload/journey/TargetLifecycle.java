package io.chatload.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.config.AuthMode;
import io.chatload.config.ConfigurationException;
import io.chatload.config.TargetSettings;
import io.chatload.contract.Json;
import io.chatload.reference.ReferenceConfig;
import io.chatload.reference.ReferenceTarget;
import io.chatload.sla.SlaSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * Before the load: start the embedded reference target when the target is embedded, then one
 * health check, one login and one complete chat turn, so a target that cannot serve fails the run in
 * seconds with one sentence instead of thousands of KOs. After the load: stop what was started.
 */
public final class TargetLifecycle implements AutoCloseable {
  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(10);

  private final TargetSettings target;
  private final SlaSpec sla;
  private final ReferenceConfig embeddedConfig;
  private ReferenceTarget embedded;
  private java.util.Optional<String> preflightNote = java.util.Optional.empty();
  private java.util.Optional<Conversation.EarlierTurn> preflightTurn = java.util.Optional.empty();

  /**
   * Validates the embedded target's {@code reference.*} settings now, before any load.
   *
   * @throws ConfigurationException naming the bad reference property
   */
  public TargetLifecycle(TargetSettings target, SlaSpec sla, Map<String, String> referenceDefaults) {
    this.target = target;
    this.sla = sla;
    if (!target.embedded()) {
      embeddedConfig = null;
      return;
    }
    Properties props = new Properties();
    props.putAll(referenceDefaults);
    props.putAll(System.getProperties());
    try {
      embeddedConfig = ReferenceConfig.fromProperties(props)
          .withPort(target.backendUrl().getPort())
          .withJwtSecret(target.jwtSecret().orElseThrow().reveal())
          .withBypassKey(target.bypassKey().orElseThrow().reveal());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /**
   * The target as the journey must address it: for an embedded target with
   * {@code reference.tls=true}, https and wss URLs on the name its generated certificate is for.
   */
  public TargetSettings effectiveTarget() {
    if (embeddedConfig == null || !embeddedConfig.tls()) {
      return target;
    }
    int port = target.backendUrl().getPort();
    URI http = ReferenceTarget.httpUrl(embeddedConfig, port);
    return target.withUrls(http, http, ReferenceTarget.wsUrl(embeddedConfig, port));
  }

  /** The embedded reference target's settings; empty when the run addresses another target. */
  public java.util.Optional<ReferenceConfig> embeddedConfig() {
    return java.util.Optional.ofNullable(embeddedConfig);
  }

  /** Starts the embedded target, if any, and runs the pre-flight as a lone injector's first user. */
  public void start() {
    start(new Identities(ChatJourney.USERS_FEEDER, target.generatedUserPassword().reveal()).first(0));
  }

  /** As above, the pre-flight logging in as {@code user} (this injector's first, ChatJourney.preflightIdentity). */
  public void start(Identities.Identity user) {
    if (embeddedConfig != null) {
      embedded = ReferenceTarget.start(embeddedConfig);
    }
    preflight(user);
  }

  /**
   * Throws {@link PreflightFailed} with one sentence when the target cannot serve the journey: one
   * health check, one token the way the users get theirs, one socket opened with it and one complete
   * turn on it, as the journey makes them ({@link SocketProbe}). What went wrong in that turn but
   * may not in the next is printed, and the load goes on to measure it.
   */
  void preflight(Identities.Identity user) {
    // HTTP/1.1 as Gatling's client speaks it: the JDK's default offers an h2c upgrade some proxies mishandle
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PREFLIGHT_TIMEOUT);
    if (embedded != null) {
      embedded.clientTlsContext().ifPresent(builder::sslContext); // trust the certificate it generated
    }
    HttpClient client = builder.build();
    TargetSettings target = effectiveTarget();
    String health = target.healthUrl();
    HttpResponse<String> response = send(client, HttpRequest.newBuilder(URI.create(health)).GET(), "health check " + health);
    String status = field(response.body(), "status");
    if (response.statusCode() != 200) {
      throw new PreflightFailed("health check " + health + " answered HTTP " + response.statusCode() + healthMessage(response.body()));
    }
    if (!ChatJourney.UP_STATUSES.contains(status)) {
      throw new PreflightFailed("health check " + health + " reports status '" + status + "', expected one of "
          + String.join(", ", ChatJourney.UP_STATUSES) + healthMessage(response.body()));
    }
    String token = target.auth() == AuthMode.MINT ? mintedToken(target, user) : login(client, target, user);
    SocketProbe probe = new SocketProbe(client, target, sla, PREFLIGHT_TIMEOUT);
    preflightNote = probe.goldenTurn(token, ChatJourney.readPrompts(ChatJourney.PROMPTS_FEEDER)[0]);
    preflightTurn = probe.earlierTurn();
    preflightNote.ifPresent(note -> System.out.println("Pre-flight turn: " + note + "; the load goes on and measures how often this happens."));
  }

  /** The pre-flight turn's user, threads and runs (the load's user of that account has had that turn before it). */
  public java.util.Optional<Conversation.EarlierTurn> preflightTurn() {
    return preflightTurn;
  }

  /** What went wrong in the pre-flight's turn without stopping the run; empty when it was clean. */
  java.util.Optional<String> preflightNote() {
    return preflightNote;
  }

  /** A token minted with the signing secret for {@code user}, as the users' own are. */
  private static String mintedToken(TargetSettings target, Identities.Identity user) {
    String email = user.email();
    return new io.chatload.contract.JwtTokens(target.jwtSecret().orElseThrow().reveal())
        .mintAccess(email.substring(0, email.indexOf('@')), email, java.time.Instant.now());
  }

  /** What an unhealthy answer says about itself (its message, detail or status), in a few words. */
  private static String healthMessage(String body) {
    for (String f : new String[] {"message", "detail", "error", "status"}) {
      String v = field(body, f);
      if (v != null && !v.isBlank()) {
        return ": " + f + " '" + Redaction.redact(truncate(v)) + "'";
      }
    }
    return body == null || body.isBlank() ? "" : ": " + Redaction.redact(truncate(body));
  }

  /** One login (or test-auth) as {@code user}; returns its access token. */
  private String login(HttpClient client, TargetSettings target, Identities.Identity user) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("email", user.email());
    HttpRequest.Builder login;
    String what;
    if (target.auth() == AuthMode.LOGIN) {
      body.put("password", user.password());
      what = "login " + target.loginUrl() + " as " + user.email();
      login = HttpRequest.newBuilder(URI.create(target.loginUrl()));
    } else {
      body.put("name", "preflight");
      body.putArray("permissions").add("read").add("write");
      what = "e2e test-auth " + target.testAuthUrl();
      login = HttpRequest.newBuilder(URI.create(target.testAuthUrl()))
          .header("X-E2E-Bypass-Key", target.bypassKey().orElseThrow().reveal());
    }
    login.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    HttpResponse<String> answer = send(client, login, what);
    if (answer.statusCode() != 200) {
      throw new PreflightFailed(what + " answered HTTP " + answer.statusCode() + " " + io.chatload.journey.Redaction.redact(truncate(answer.body())));
    }
    String token = field(answer.body(), "access_token");
    if (token == null) {
      throw new PreflightFailed(what + " answered 200 without an access_token");
    }
    return token;
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request, String what) {
    try {
      return client.send(request.timeout(PREFLIGHT_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw new PreflightFailed(what + ": no connection within " + PREFLIGHT_TIMEOUT.toSeconds() + " s (host unreachable?)");
    } catch (HttpTimeoutException e) {
      throw new PreflightFailed(what + ": no answer within " + PREFLIGHT_TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw new PreflightFailed(what + ": " + whyNoAnswer(e, what));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreflightFailed(what + ": interrupted");
    }
  }

  /** One phrase for why {@code what} got no HTTP answer: DNS, refusal, TLS, a closed connection, else the cause's own words. */
  static String whyNoAnswer(IOException e, String what) {
    Throwable root = rootCause(e);
    if (root instanceof UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
      return "host name does not resolve";
    }
    if (e instanceof ConnectException) {
      // the JDK client reports a refusal as a bare ClosedChannelException: nothing worth repeating
      return "connection refused or host unreachable" + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }
    if (e instanceof SSLException || root instanceof SSLException || root instanceof java.security.cert.CertificateException) {
      return "TLS failure (" + rootMessage(e) + ")";
    }
    if (root instanceof java.io.EOFException || String.valueOf(root.getMessage()).startsWith("EOF reached")) {
      return "the connection was closed without an HTTP answer" + (what.contains("http://") ? " (does the port expect https?)" : "");
    }
    return rootMessage(e);
  }

  private static String field(String json, String name) {
    try {
      JsonNode n = Json.MAPPER.readTree(json).get(name);
      return n == null || n.isNull() ? null : n.asText();
    } catch (IOException e) {
      return null;
    }
  }

  private static String truncate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String rootMessage(Throwable t) {
    Throwable r = rootCause(t);
    return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
  }

  public ReferenceTarget embedded() {
    return embedded;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }

  /** The target cannot serve the journey; the message is the one sentence the user sees. */
  public static final class PreflightFailed extends RuntimeException {
    public PreflightFailed(String message) {
      super("Pre-flight check failed, no load was sent: " + message, null, false, false);
    }
  }
}
