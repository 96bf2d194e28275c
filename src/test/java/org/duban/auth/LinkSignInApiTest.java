package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.demo.DemoData;
import org.duban.support.Drill;
import org.duban.support.Links4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Links4Test.FGW_FIRST;
import static org.duban.support.Links4Test.FGW_LIAISON;
import static org.duban.support.Links4Test.ZJJ_FIRST;
import static org.duban.support.Links4Test.ZJJ_LIAISON;
import static org.duban.support.Links4Test.codeIn;
import static org.duban.support.Links4Test.open;
import static org.duban.support.Links4Test.row;
import static org.duban.support.Links4Test.sessions;

/**
 * The link of a reminder SMS, exchanged at {@code POST /auth/link} (R60): once it signs its person in,
 * and every link that cannot answers the same, changing nothing. Each test has its own item's links.
 */
class LinkSignInApiTest {
  static Drill drill;
  static TestServer server;
  static List<Long> items;
  static Map<Long, Map<String, JsonObject>> sms;
  static long fgw;
  static long zjj;
  static long firstResponsible;

  @BeforeAll
  static void start() {
    drill = Drill.start(LinkSignInApiTest.class, Links4Test.settings(Map.of("auth.linkTriesPerMinute", "1000")));
    server = drill.server;
    fgw = personId(drill.flow.fgw);
    zjj = personId(drill.flow.zjj);
    // the lead unit's head, with the phone the unit's SMS go to: the one person with that phone
    String admin = server.tokenOf("admin");
    firstResponsible = ok(server.send(HttpMethod.POST, "/people", admin, new JsonObject().put("login", "wu")
        .put("displayName", "吴主任").put("phone", FGW_FIRST).put("role", "liaison").put("unitId", drill.flow.fgwUnit)
        .put("password", DemoData.PASSWORD)), 201).getLong("id");
    sms = Links4Test.firstReminders(drill, List.of("链接登录一次", "链接再用被拒", "链接过期", "链接无人", "停用的人",
        "同时打开", "已登录本人", "已登录他人", "格式不对"));
    items = List.copyOf(sms.keySet());
  }

  @AfterAll
  static void stop() {
    drill.close();
  }

  static long personId(String token) {
    return server.get("/me", token).bodyAsJsonObject().getLong("id");
  }

  static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  static String code(int item, String phone) {
    return codeIn(sms.get(items.get(item)).get(phone));
  }

  static void assertUnusable(HttpResponse<Buffer> answer, Long itemId) {
    JsonObject problem = ok(answer, 401);
    assertThat(answer.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(problem.getString("type")).isEqualTo("/problems/link-unusable");
    assertThat(problem.getString("detail")).isEqualTo("this link can no longer sign you in: sign in with your login and password");
    assertThat(problem.getLong("itemId")).isEqualTo(itemId);
    assertThat(answer.getHeader("Set-Cookie")).isNull();
  }

  @Test
  void aGenuineLinkSignsItsPersonInOnceAndNamesItsItem() {
    long item = items.get(0);
    String code = code(0, FGW_LIAISON);
    long before = sessions(server, fgw);
    HttpResponse<Buffer> answer = open(server, code, null);
    JsonObject signedIn = ok(answer, 200);
    assertThat(signedIn.getString("session")).isEqualTo("new");
    assertThat(signedIn.getLong("itemId")).isEqualTo(item);
    assertThat(signedIn.getLong("personId")).isEqualTo(fgw);
    assertThat(signedIn.getString("role")).isEqualTo("liaison");
    assertThat(signedIn.containsKey("refreshToken")).as("the refresh token goes only into the cookie").isFalse();
    assertThat(answer.getHeader("Set-Cookie")).startsWith("duban_refresh=").containsIgnoringCase("HttpOnly").contains("Secure")
        .contains("SameSite=Strict").contains("Path=/auth/refresh");
    assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
    // a session like a login's: the token opens the item
    assertThat(server.get("/items/" + item, signedIn.getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(sessions(server, fgw)).isEqualTo(before + 1);
    assertThat(row(server, code).get("end_reason")).isEqualTo("signed in");
  }

  @Test
  void theSecondUseIsRefusedAndChangesNothing() {
    String code = code(1, FGW_LIAISON);
    ok(open(server, code, null), 200);
    Object spentAt = row(server, code).get("used_at");
    long before = sessions(server, fgw);
    assertUnusable(open(server, code, null), items.get(1));
    assertThat(sessions(server, fgw)).isEqualTo(before);
    assertThat(row(server, code).get("used_at")).isEqualTo(spentAt);
    assertThat(row(server, code).get("end_reason")).isEqualTo("signed in");
  }

  @Test
  void anExpiredLinkIsRefusedAndALinkLastsADayByDefault() {
    String code = code(2, FGW_LIAISON);
    Map<String, Object> minted = row(server, code);
    assertThat(Duration.between(((Timestamp) minted.get("created_at")).toInstant(), ((Timestamp) minted.get("expires_at")).toInstant()))
        .isEqualTo(Duration.ofHours(24));
    server.database().execute("UPDATE sign_in_link SET expires_at = now() - interval '1 second' WHERE hash = " + Links4Test.hashLiteral(code));
    long before = sessions(server, fgw);
    assertUnusable(open(server, code, null), items.get(2));
    assertThat(sessions(server, fgw)).isEqualTo(before);
    assertThat(row(server, code).get("used_at")).isNull();
  }

  @Test
  void anUnknownCodeGetsTheSameAnswerAndRevealsNoItem() {
    assertUnusable(open(server, "AAAAAAAAAAAAAAAAAAAAAA".substring(0, 16), null), null);
    assertUnusable(open(server, "zz-zz_zz-zz_zz-z", null), null);
  }

  @Test
  void aLinkToAPhoneNobodyHasOnlyNamesItsItem() {
    String code = code(3, ZJJ_FIRST);
    assertThat(row(server, code).get("person_id")).isNull();
    assertUnusable(open(server, code, null), items.get(3));
    // it signs nobody in, so there is nothing to spend: the item stays named for whoever signs in
    assertUnusable(open(server, code, null), items.get(3));
  }

  @Test
  void theLinkOfADeactivatedPersonIsRefused() {
    String code = code(4, FGW_FIRST);
    assertThat(row(server, code).get("person_id")).isEqualTo(firstResponsible);
    String admin = server.tokenOf("admin");
    ok(server.send(HttpMethod.PATCH, "/people/" + firstResponsible, admin, new JsonObject().put("active", false)), 200);
    try {
      assertUnusable(open(server, code, null), items.get(4));
      assertThat(sessions(server, firstResponsible)).isZero();
      assertThat(row(server, code).get("used_at")).isNull();
    } finally {
      ok(server.send(HttpMethod.PATCH, "/people/" + firstResponsible, admin, new JsonObject().put("active", true)), 200);
    }
  }

  @Test
  void twoOpensAtOnceGiveExactlyOneSession() {
    String code = code(5, ZJJ_LIAISON);
    long before = sessions(server, zjj);
    List<Future<HttpResponse<Buffer>>> opens = IntStream.range(0, 8).mapToObj(i -> server.request(HttpMethod.POST, "/auth/link", null)
        .sendJsonObject(new JsonObject().put("code", code))).toList();
    List<Integer> statuses = opens.stream().map(f -> f.await().statusCode()).toList();
    assertThat(statuses).containsOnly(200, 401);
    assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    assertThat(sessions(server, zjj)).isEqualTo(before + 1);
  }

  @Test
  void itsPersonSignedInAlreadyKeepsTheSessionAndTheLinkIsSpent() {
    String token = server.tokenOf("zjj");
    String code = code(6, ZJJ_LIAISON);
    long before = sessions(server, zjj);
    HttpResponse<Buffer> answer = open(server, code, token);
    JsonObject kept = ok(answer, 200);
    assertThat(kept.getString("session")).isEqualTo("kept");
    assertThat(kept.getLong("itemId")).isEqualTo(items.get(6));
    assertThat(kept.containsKey("accessToken")).isFalse();
    assertThat(answer.getHeader("Set-Cookie")).isNull();
    assertThat(sessions(server, zjj)).isEqualTo(before);
    assertUnusable(open(server, code, null), items.get(6));
  }

  @Test
  void someoneElseSignedInSpendsTheLinkWithoutSigningAnyoneIn() {
    String fgwToken = server.tokenOf("fgw");
    String code = code(7, ZJJ_LIAISON);
    long before = sessions(server, zjj);
    assertUnusable(open(server, code, fgwToken), items.get(7));
    assertThat((String) row(server, code).get("end_reason")).isEqualTo("opened while person " + fgw + " was signed in");
    // forwarded: after signing out, the link is no use either
    assertUnusable(open(server, code, null), items.get(7));
    assertThat(sessions(server, zjj)).isEqualTo(before);
  }

  @Test
  void aMalformedCodeIsAValidationProblemAndTouchesNoLink() {
    String code = code(8, FGW_LIAISON);
    JsonObject problem = ok(server.send(HttpMethod.POST, "/auth/link", null, new JsonObject().put("code", code + "x")), 400);
    assertThat(problem.getString("type")).isEqualTo("/problems/validation");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/code");
    ok(server.send(HttpMethod.POST, "/auth/link", null, new JsonObject().put("code", code).put("extra", 1)), 400);
    assertThat(row(server, code).get("used_at")).isNull();
    ok(open(server, code, null), 200);
  }
}
