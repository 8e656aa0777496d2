package io.chatload.config;

import java.net.URI;
import java.util.Optional;

/**
 * Which deployment the load goes to and how users authenticate there. For the embedded target the
 * URLs point at the loopback port it will bind in {@code before()}. {@code generatedUserPassword}
 * is the password of the generated {@code loadtest-<n>} users (env LOADTEST_PASSWORD, else the
 * reference target's seeded one). {@code sharedUser}: the deployment makes every socket one platform
 * user (demo mode) and the run goes on anyway ({@code -Dtarget.sharedUser=true}): isolation is judged
 * on run and thread only.
 */
public record TargetSettings(
    String profile,
    boolean embedded,
    URI authUrl,
    URI backendUrl,
    URI wsUrl,
    AuthMode auth,
    WsAuth wsAuth,
    MessageStyle message,
    boolean sharedUser,
    Optional<Secret> jwtSecret,
    Optional<Secret> bypassKey,
    Secret generatedUserPassword) {

  public TargetSettings withUrls(URI auth, URI backend, URI ws) {
    return new TargetSettings(profile, embedded, auth, backend, ws, this.auth, wsAuth, message, sharedUser, jwtSecret, bypassKey, generatedUserPassword);
  }

  public String loginUrl() {
    return join(authUrl, "/auth/login");
  }

  public String testAuthUrl() {
    return join(authUrl, "/auth/e2e/test-auth");
  }

  public String healthUrl() {
    return join(backendUrl, "/health");
  }

  public String refreshUrl() {
    return join(authUrl, "/auth/refresh");
  }

  /** Whether the URLs were given on the command line without naming a profile. */
  public boolean givenUrls() {
    return !embedded && profile.equals("embedded");
  }

  /** The target as a run's summary names it: never 'embedded' for a deployment that was given by URL. */
  public String summaryName() {
    if (embedded) {
      return "embedded reference target";
    }
    String urls = authUrl.equals(backendUrl)
        ? String.format("backend %s, ws %s", backendUrl, wsUrl)
        : String.format("auth %s, backend %s, ws %s", authUrl, backendUrl, wsUrl);
    return (givenUrls() ? "target at the given URLs: " : "target '" + profile + "': ") + urls;
  }

  private static String join(URI base, String path) {
    String b = base.toString();
    return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
  }

  /** One line for the console: never includes a secret. */
  public String describe() {
    return String.format(
        "%s: auth %s (%s), backend %s, ws %s (JWT in %s, messages as %s%s)",
        embedded ? "target 'embedded' (embedded reference target)"
            // URLs given without a profile: only the embedded profile's defaults (auth mode, SLA) apply
            : givenUrls() ? "target at the given URLs" : "target '" + profile + "'",
        authUrl,
        Settings.Choices.wireName(auth),
        backendUrl,
        wsUrl,
        wsAuth == WsAuth.HEADER ? "Authorization header" : "Sec-WebSocket-Protocol",
        switch (message) {
          case FRONTEND -> "the front end (start_agent, then user_message)";
          case RUN_AGENT -> "beta-15+'s agent bridge (run_agent)";
          case CONTRACT -> "the contract (user_message)";
        },
        sharedUser ? "; every user one platform user: isolation judged on run and thread only" : "");
  }
}
