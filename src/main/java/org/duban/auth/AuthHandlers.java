package org.duban.auth;

import io.vertx.core.json.JsonObject;
import org.duban.http.Api;
import org.duban.http.Reply;
import org.duban.http.Requests;

/** The contract's authentication operations. */
public final class AuthHandlers {
  private AuthHandlers() {
  }

  public static void mount(Api api, AuthService auth) {
    api.on("login", rc -> {
      JsonObject body = Requests.body(rc);
      return auth.login(body.getString("login"), body.getString("password")).map(Reply::ok);
    });
    api.on("refreshToken", rc -> auth.refresh(Requests.body(rc).getString("refreshToken")).map(Reply::ok));
    api.on("logout", rc -> auth.logout(SessionGuard.principal(rc)).map(v -> Reply.noContent()));
  }
}
