package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.duban.fault.Refusal;
import org.duban.http.Api;
import org.duban.http.Reply;
import org.duban.http.Requests;

import java.util.Map;

/**
 * The contract's authentication operations.
 *
 * <p>The refresh token travels one of two ways. API clients keep it themselves: it is in the JSON
 * answer and they send it back in the body. The phone app asks for it as a cookie
 * ({@code "refreshTokenIn": "cookie"} at login): then it is left out of the answer and set as an
 * {@code HttpOnly; Secure; SameSite=Strict} cookie sent only to {@code /auth/refresh}, so no script,
 * not even one that slipped into the page, can read it or carry the session away, and no other site
 * can make the browser spend it. A refresh that came with the cookie answers the same way; logout
 * clears it.
 */
public final class AuthHandlers {
  /** The refresh cookie's name and the one path it is sent to. */
  public static final String COOKIE = "duban_refresh";
  public static final String COOKIE_PATH = "/auth/refresh";

  private AuthHandlers() {
  }

  public static void mount(Api api, AuthService auth) {
    api.on("login", rc -> {
      JsonObject body = Requests.body(rc);
      boolean cookie = "cookie".equals(body.getString("refreshTokenIn"));
      return auth.login(body.getString("login"), body.getString("password")).map(tokens -> answer(auth, tokens, cookie));
    });
    api.on("refreshToken", rc -> {
      String inBody = Requests.body(rc).getString("refreshToken");
      String inCookie = cookie(rc);
      if (inBody == null && inCookie == null) {
        return Future.failedFuture(Refusal.unauthenticated("no refresh token: send it in the body, or sign in again"));
      }
      boolean cookie = inBody == null;
      return auth.refresh(cookie ? inCookie : inBody).map(tokens -> answer(auth, tokens, cookie));
    });
    api.on("logout", rc -> auth.logout(SessionGuard.principal(rc))
        .map(v -> new Reply(204, null, Map.of("Set-Cookie", cleared()))));
  }

  private static Reply answer(AuthService auth, JsonObject tokens, boolean cookie) {
    if (!cookie) return Reply.ok(tokens);
    String refresh = (String) tokens.remove("refreshToken");
    return new Reply(200, tokens, Map.of("Set-Cookie", refreshCookie(refresh, auth.refreshTtl().toSeconds())));
  }

  private static String cookie(RoutingContext rc) {
    Cookie cookie = rc.request().getCookie(COOKIE);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  static String refreshCookie(String value, long maxAgeSeconds) {
    return Cookie.cookie(COOKIE, value).setPath(COOKIE_PATH).setHttpOnly(true).setSecure(true)
        .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds).encode();
  }

  static String cleared() {
    return refreshCookie("", 0);
  }
}
