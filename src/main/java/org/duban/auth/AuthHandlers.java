package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.duban.fault.Refusal;
import org.duban.http.Api;
import org.duban.http.ClientAddress;
import org.duban.http.Reply;
import org.duban.http.Requests;

import java.util.Map;
import java.util.Optional;

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

  public static void mount(Api api, AuthService auth, LinkSignIn links, ClientAddress clients) {
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
    api.on("signInWithLink", rc -> {
      JsonObject body = Requests.body(rc);
      return caller(rc, auth)
          .compose(caller -> links.open(clients.of(rc), body.getString("code"), Optional.ofNullable(body.getString("otp")), caller))
          .map(outcome -> answer(auth, outcome));
    });
  }

  /**
   * Who is signed in on the phone that opened a link, if anyone: the operation takes a bearer token but
   * does not need one. A token that does not hold (expired, its session ended) is as good as none.
   */
  private static Future<Optional<Principal>> caller(RoutingContext rc, AuthService auth) {
    return SessionGuard.sessionOf(rc.user()).map(auth::principal).orElseGet(() -> Future.succeededFuture(Optional.empty()));
  }

  /** A link's session always goes to the browser as the refresh cookie: the phone app is its only client. */
  private static Reply answer(AuthService auth, LinkSignIn.Outcome outcome) {
    if (outcome instanceof LinkSignIn.SignedIn s) {
      Reply tokens = answer(auth, s.tokens().copy(), true);
      return new Reply(200, ((JsonObject) tokens.body()).put("session", "new").put("itemId", s.itemId()), tokens.headers());
    }
    if (outcome instanceof LinkSignIn.StillSignedIn s) return Reply.ok(new JsonObject().put("session", "kept").put("itemId", s.itemId()));
    LinkSignIn.CodeSent c = (LinkSignIn.CodeSent) outcome;
    return new Reply(202, new JsonObject().put("otp", c.fresh() ? "sent" : "pending").put("sentTo", c.sentTo()).put("expiresIn", c.expiresIn().toSeconds())
        .put("itemId", c.itemId()),
        Map.of());
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
