package io.chatload.journey;

import static io.chatload.journey.ChatJourney.HTTP_STATUS;
import static io.chatload.journey.ChatJourney.REFRESH;
import static io.chatload.journey.ChatJourney.REFRESH_TOKEN;
import static io.chatload.journey.ChatJourney.TOKEN;
import static io.chatload.journey.ChatJourney.TOKEN_RENEW_AT;
import static io.chatload.journey.ChatJourney.TOKEN_SUBJECT;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.config.AuthMode;
import io.chatload.config.TargetSettings;
import io.chatload.contract.Json;
import io.chatload.contract.JwtTokens;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Instant;

/**
 * How a virtual user obtains its access token — log in, the test-auth bypass, or minted locally, as
 * the target's auth mode says — and renews it before it expires (refresh, or obtain afresh). The
 * token, its subject and when to renew it live in the user's session under ChatJourney's keys.
 */
final class AccessTokens {
  private final TargetSettings target;

  AccessTokens(TargetSettings target) {
    this.target = target;
  }

  /** A fresh access token under the request name {@code name}: login, test-auth, or minted locally. */
  ChainBuilder obtain(String name) {
    ChainBuilder token;
    if (target.auth() == AuthMode.LOGIN) {
      token = exec(http(name).post(target.loginUrl())
          .body(StringBody(AccessTokens::loginBody)).asJson()
          .check(status().saveAs(HTTP_STATUS), status().is(200), jmesPath("access_token").ofString().saveAs(TOKEN),
              jmesPath("refresh_token").ofString().optional().saveAs(REFRESH_TOKEN)));
    } else if (target.auth() == AuthMode.E2E_BYPASS) {
      String key = target.bypassKey().orElseThrow().reveal();
      token = exec(http(name).post(target.testAuthUrl())
          .header("X-E2E-Bypass-Key", session -> key)
          .body(StringBody(AccessTokens::testAuthBody)).asJson()
          .check(status().saveAs(HTTP_STATUS), status().is(200), jmesPath("access_token").ofString().saveAs(TOKEN),
              jmesPath("refresh_token").ofString().optional().saveAs(REFRESH_TOKEN)));
    } else {
      JwtTokens minter = new JwtTokens(target.jwtSecret().orElseThrow().reveal());
      token = exec(session -> {
        String email = session.getString("email");
        String userId = email.substring(0, email.indexOf('@'));
        return session.set(TOKEN, minter.mintAccess(userId, email, Instant.now()));
      });
    }
    return token.exec(AccessTokens::scheduleRenewal);
  }

  /** The renewal when the token nears its expiry (ChatJourney.keepTokenFresh). */
  ChainBuilder keepFresh() {
    return whenNearsExpiry(renew());
  }

  /** The renewal itself: refresh, or log in (or mint) again. */
  ChainBuilder renew() {
    ChainBuilder refresh = exec(http(REFRESH).post(target.refreshUrl())
        .body(StringBody(AccessTokens::refreshBody)).asJson()
        .check(status().is(200), jmesPath("access_token").ofString().saveAs(TOKEN),
            jmesPath("refresh_token").ofString().optional().saveAs(REFRESH_TOKEN)))
        .exec(AccessTokens::scheduleRenewal);
    return target.auth() == AuthMode.MINT
        ? obtain(REFRESH)
        : doIfOrElse(session -> session.contains(REFRESH_TOKEN)).then(refresh).orElse(obtain(REFRESH));
  }

  /** {@code chain} when the user's access token nears its expiry; nothing before. */
  static ChainBuilder whenNearsExpiry(ChainBuilder chain) {
    return doIf(session -> session.contains(TOKEN_RENEW_AT) && System.currentTimeMillis() >= session.getLong(TOKEN_RENEW_AT))
        .then(chain);
  }

  /**
   * Renew a third of the token's life before it ends, at most a minute before; keeps the token's
   * subject, the user the platform knows, from the same decoding.
   */
  private static Session scheduleRenewal(Session session) {
    if (session.isFailed() || !session.contains(TOKEN)) {
      return session;
    }
    var jwt = JWT.decode(session.getString(TOKEN));
    session = jwt.getSubject() == null ? session.remove(TOKEN_SUBJECT) : session.set(TOKEN_SUBJECT, jwt.getSubject());
    if (jwt.getExpiresAt() == null) {
      return session.remove(TOKEN_RENEW_AT);
    }
    long expires = jwt.getExpiresAt().getTime();
    long issued = jwt.getIssuedAt() == null ? System.currentTimeMillis() : jwt.getIssuedAt().getTime();
    long margin = Math.min(60_000, Math.max(0, expires - issued) / 3);
    return session.set(TOKEN_RENEW_AT, expires - margin);
  }

  private static String loginBody(Session session) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("email", session.getString("email"));
    body.put("password", session.getString("password"));
    return body.toString();
  }

  private static String refreshBody(Session session) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("refresh_token", session.getString(REFRESH_TOKEN));
    return body.toString();
  }

  private static String testAuthBody(Session session) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("email", session.getString("email"));
    body.put("name", session.getString("displayName"));
    var perms = body.putArray("permissions");
    JwtTokens.DEFAULT_PERMISSIONS.forEach(perms::add);
    return body.toString();
  }
}
