package org.duban.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AuthApiTest {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(AuthApiTest.class, Map.of("auth.maxFailedLogins", "3", "auth.lockout", "10m"));
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A fresh person for tests that change or lock an account, so tests do not disturb each other. */
  static String newPerson(String login, String role) {
    var created = server.send(HttpMethod.POST, "/people", admin, new JsonObject().put("login", login)
        .put("displayName", login).put("role", role).put("password", DemoData.PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return String.valueOf(created.bodyAsJsonObject().getLong("id"));
  }

  @Test
  void loginAnswersATokenPairAndTheRole() {
    JsonObject tokens = server.login("keshi1", DemoData.PASSWORD).bodyAsJsonObject();
    assertThat(tokens.getString("tokenType")).isEqualTo("Bearer");
    assertThat(tokens.getString("role")).isEqualTo("sponsor");
    assertThat(tokens.getLong("expiresIn")).isEqualTo(900L);
    assertThat(server.get("/me", tokens.getString("accessToken")).bodyAsJsonObject().getString("login")).isEqualTo("keshi1");
  }

  @Test
  void loginIgnoresTheCaseOfTheLoginName() {
    assertThat(server.login("KESHI1", DemoData.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongPasswordAndAnUnknownLoginLookTheSame() {
    var wrong = server.login("keshi1", "not-the-password");
    var unknown = server.login("nobody-at-all", "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.bodyAsJsonObject().getString("detail")).isEqualTo(unknown.bodyAsJsonObject().getString("detail"));
  }

  @Test
  void repeatedFailuresLockTheAccountEvenAgainstTheRightPassword() {
    newPerson("lockme", "leader");
    for (int i = 0; i < 3; i++) assertThat(server.login("lockme", "wrong-password-" + i).statusCode()).isEqualTo(401);
    var locked = server.login("lockme", DemoData.PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.bodyAsJsonObject().getString("type")).isEqualTo("/problems/locked");
    assertThat(locked.bodyAsJsonObject().getLong("retryAfterSeconds")).isBetween(500L, 600L);
    assertThat(locked.getHeader("Retry-After")).isNotNull();
  }

  @Test
  void parallelGuessesCannotOutrunTheLock() {
    newPerson("guessed", "leader");
    List<io.vertx.core.Future<HttpResponse<Buffer>>> guesses = IntStream.range(0, 20).mapToObj(i -> server
        .request(HttpMethod.POST, "/auth/login", null)
        .sendJsonObject(new JsonObject().put("login", "guessed").put("password", "guess-number-" + i))).toList();
    List<Integer> statuses = io.vertx.core.Future.join(guesses).await().list().stream()
        .map(r -> ((HttpResponse<?>) r).statusCode()).toList();
    assertThat(statuses.stream().filter(s -> s == 401)).hasSize(3);
    assertThat(statuses.stream().filter(s -> s == 429)).hasSize(17);
    assertThat(server.login("guessed", DemoData.PASSWORD).statusCode()).isEqualTo(429);
  }

  @Test
  void anUnknownLoginIsLockedLikeAKnownOneSoTheLockRevealsNothing() {
    for (int i = 0; i < 3; i++) assertThat(server.login("nobody-here", "wrong-" + i).statusCode()).isEqualTo(401);
    assertThat(server.login("nobody-here", "wrong").statusCode()).isEqualTo(429);
  }

  @Test
  void aRefreshTokenUsedTwiceEndsTheSession() {
    JsonObject first = server.login("keshi1", DemoData.PASSWORD).bodyAsJsonObject();
    JsonObject second = server.send(HttpMethod.POST, "/auth/refresh", null,
        new JsonObject().put("refreshToken", first.getString("refreshToken"))).bodyAsJsonObject();
    var replay = server.send(HttpMethod.POST, "/auth/refresh", null, new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.bodyAsJsonObject().getString("detail")).contains("already used");
    assertThat(server.send(HttpMethod.POST, "/auth/refresh", null,
        new JsonObject().put("refreshToken", second.getString("refreshToken"))).statusCode()).isEqualTo(401);
    assertThat(server.get("/me", second.getString("accessToken")).statusCode()).isEqualTo(401);
  }

  @Test
  void aSuccessfulLoginResetsTheFailureCount() {
    newPerson("stumbles", "leader");
    server.login("stumbles", "wrong-password");
    server.login("stumbles", "wrong-password");
    assertThat(server.login("stumbles", DemoData.PASSWORD).statusCode()).isEqualTo(200);
    server.login("stumbles", "wrong-password");
    server.login("stumbles", "wrong-password");
    assertThat(server.login("stumbles", DemoData.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void refreshRotatesAndTheOldRefreshTokenStopsWorking() {
    JsonObject first = server.login("leader", DemoData.PASSWORD).bodyAsJsonObject();
    var refreshed = server.send(HttpMethod.POST, "/auth/refresh", null,
        new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(refreshed.statusCode()).isEqualTo(200);
    JsonObject second = refreshed.bodyAsJsonObject();
    assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
    assertThat(server.get("/me", second.getString("accessToken")).statusCode()).isEqualTo(200);
    var replay = server.send(HttpMethod.POST, "/auth/refresh", null,
        new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(replay.statusCode()).isEqualTo(401);
  }

  @Test
  void logoutEndsTheSessionForBothTokens() {
    JsonObject tokens = server.login("duchashi", DemoData.PASSWORD).bodyAsJsonObject();
    String access = tokens.getString("accessToken");
    assertThat(server.send(HttpMethod.POST, "/auth/logout", access, null).statusCode()).isEqualTo(204);
    assertThat(server.get("/me", access).statusCode()).isEqualTo(401);
    assertThat(server.send(HttpMethod.POST, "/auth/refresh", null,
        new JsonObject().put("refreshToken", tokens.getString("refreshToken"))).statusCode()).isEqualTo(401);
  }

  @Test
  void deactivatingAPersonEndsTheirSessionsAtOnce() {
    String id = newPerson("leaving", "leader");
    String token = server.tokenOf("leaving");
    assertThat(server.get("/me", token).statusCode()).isEqualTo(200);
    var patched = server.send(HttpMethod.PATCH, "/people/" + id, admin, new JsonObject().put("active", false));
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(server.get("/me", token).statusCode()).isEqualTo(401);
    assertThat(server.login("leaving", DemoData.PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void aChangedRoleTakesEffectWithoutANewLogin() {
    String id = newPerson("promoted", "leader");
    String token = server.tokenOf("promoted");
    assertThat(server.get("/people", token).statusCode()).isEqualTo(403);
    server.send(HttpMethod.PATCH, "/people/" + id, admin, new JsonObject().put("role", "supervision"));
    assertThat(server.get("/people", token).statusCode()).isEqualTo(200);
  }

  @Test
  void aNewPasswordWorksAndTheOldOneNoLonger() {
    String id = newPerson("rotates", "leader");
    var patched = server.send(HttpMethod.PATCH, "/people/" + id, admin, new JsonObject().put("password", "a-brand-new-password"));
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(server.login("rotates", DemoData.PASSWORD).statusCode()).isEqualTo(401);
    assertThat(server.login("rotates", "a-brand-new-password").statusCode()).isEqualTo(200);
  }

  @Test
  void passwordHashesNeverLeaveTheServer() {
    String people = server.get("/people", admin).bodyAsString();
    assertThat(people).contains("keshi1").doesNotContain("argon2").doesNotContain("password");
  }
}
