package org.duban.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.support.Links4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Links4Test.FGW_LIAISON;
import static org.duban.support.Links4Test.ZJJ_LIAISON;
import static org.duban.support.Links4Test.codeIn;
import static org.duban.support.Links4Test.confirm;
import static org.duban.support.Links4Test.open;
import static org.duban.support.Links4Test.row;
import static org.duban.support.Links4Test.sessions;

/**
 * {@code auth.linkSignIn: code}: a link does not sign in on its own; it has a six-digit code sent to
 * its person's phone, through the outbox and the relay, and the link with that code signs in once.
 */
class LinkCodeModeApiTest {
  static final Pattern OTP = Pattern.compile("登录验证码 (\\d{6})");
  static Drill drill;
  static TestServer server;
  static List<Long> items;
  static Map<Long, Map<String, JsonObject>> sms;

  @BeforeAll
  static void start() {
    drill = Drill.start(LinkCodeModeApiTest.class, Links4Test.settings(Map.of("auth.linkSignIn", "code",
        "auth.linkTriesPerMinute", "1000")));
    server = drill.server;
    sms = Links4Test.firstReminders(drill, List.of("验证码登录", "验证码输错", "已登录不需验证码", "验证码发送失败"));
    items = List.copyOf(sms.keySet());
  }

  @AfterAll
  static void stop() {
    drill.close();
  }

  static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  static List<JsonObject> codesSent(long item) {
    return drill.receivedFor(item).stream().filter(m -> OTP.matcher(m.getString("text")).find()).toList();
  }

  static String otpOf(JsonObject message) {
    Matcher m = OTP.matcher(message.getString("text"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static long personId(String login) {
    return server.get("/me", server.tokenOf(login)).bodyAsJsonObject().getLong("id");
  }

  @Test
  void theLinkHasACodeSentToItsPhoneOnceAndTheTwoTogetherSignInOnce_R60() {
    long item = items.get(0);
    String code = codeIn(sms.get(item).get(FGW_LIAISON));
    long fgw = personId("fgw");
    long before = sessions(server, fgw);
    JsonObject sent = ok(open(server, code, null), 202);
    assertThat(sent.getString("otp")).isEqualTo("sent");
    assertThat(sent.getString("sentTo")).isEqualTo("138****0008");
    assertThat(sent.getLong("expiresIn")).isEqualTo(600L);
    assertThat(sent.getLong("itemId")).isEqualTo(item);
    Await.until("the code's SMS at the relay", () -> codesSent(item).size() == 1, Duration.ofSeconds(15));
    JsonObject message = codesSent(item).get(0);
    assertThat(message.getString("to")).isEqualTo(FGW_LIAISON);
    assertThat(message.getString("text")).startsWith("【督办】").doesNotContain("http");
    // opening the link again while the code is on its way sends no other
    JsonObject again = ok(open(server, code, null), 202);
    assertThat(again.getString("otp")).isEqualTo("pending");
    assertThat(again.getLong("expiresIn")).isBetween(1L, 600L);
    assertThat(sessions(server, fgw)).isEqualTo(before);
    assertThat(row(server, code).get("used_at")).isNull();

    JsonObject signedIn = ok(confirm(server, code, otpOf(message)), 200);
    assertThat(signedIn.getString("session")).isEqualTo("new");
    assertThat(signedIn.getLong("itemId")).isEqualTo(item);
    assertThat(signedIn.getLong("personId")).isEqualTo(fgw);
    assertThat(sessions(server, fgw)).isEqualTo(before + 1);
    assertThat(row(server, code).get("end_reason")).isEqualTo("signed in with a one-time code");
    assertThat(ok(confirm(server, code, otpOf(message)), 401).getString("type")).isEqualTo("/problems/link-unusable");
    assertThat(codesSent(item)).hasSize(1);
    // once sent, the outbox keeps the code's SMS without the code
    Await.until("the code's SMS recorded as sent", () -> server.database().rows(
        "SELECT 1 FROM outbox WHERE purpose = 'sign-in-code' AND item_id = " + item + " AND state = 'sent' AND secret IS NULL"
            + " AND body NOT LIKE '%" + otpOf(message) + "%'").size() == 1, Duration.ofSeconds(15));
  }

  @Test
  void fiveWrongCodesSpendTheLinkSoTheRightOneNoLongerWorks() {
    long item = items.get(1);
    String code = codeIn(sms.get(item).get(ZJJ_LIAISON));
    ok(open(server, code, null), 202);
    Await.until("the code's SMS at the relay", () -> codesSent(item).size() == 1, Duration.ofSeconds(15));
    String right = otpOf(codesSent(item).get(0));
    String wrong = right.equals("000000") ? "111111" : "000000";
    for (int left = 4; left >= 1; left--) {
      JsonObject problem = ok(confirm(server, code, wrong), 401);
      assertThat(problem.getString("type")).isEqualTo("/problems/otp-wrong");
      assertThat(problem.getInteger("attemptsLeft")).isEqualTo(left);
    }
    JsonObject spent = ok(confirm(server, code, wrong), 401);
    assertThat(spent.getString("type")).isEqualTo("/problems/link-unusable");
    assertThat(spent.getLong("itemId")).isEqualTo(item);
    assertThat(ok(confirm(server, code, right), 401).getString("type")).isEqualTo("/problems/link-unusable");
    assertThat(ok(open(server, code, null), 401).getString("type")).isEqualTo("/problems/link-unusable");
    assertThat(codesSent(item)).hasSize(1);
  }

  @Test
  void itsPersonSignedInAlreadyNeedsNoCode() {
    long item = items.get(2);
    String code = codeIn(sms.get(item).get(ZJJ_LIAISON));
    JsonObject kept = ok(open(server, code, server.tokenOf("zjj")), 200);
    assertThat(kept.getString("session")).isEqualTo("kept");
    assertThat(kept.getLong("itemId")).isEqualTo(item);
    assertThat(codesSent(item)).isEmpty();
  }

  @Test
  void aCodeTheRelayGaveUpOnIsNotSentAgainWhenFailedSmsAre_R61() {
    long item = items.get(3);
    ok(open(server, codeIn(sms.get(item).get(FGW_LIAISON)), null), 202);
    Await.until("the code's SMS at the relay", () -> codesSent(item).size() == 1, Duration.ofSeconds(15));
    // as if the relay had refused it every time
    server.database().execute("UPDATE outbox SET state = 'failed' WHERE purpose = 'sign-in-code' AND item_id = " + item);
    ok(server.send(io.vertx.core.http.HttpMethod.POST, "/outbox/failed/retry", server.tokenOf("admin"), null), 200);
    assertThat(server.database().rows("SELECT state FROM outbox WHERE purpose = 'sign-in-code' AND item_id = " + item))
        .extracting(r -> r.get("state")).containsExactly("failed");
  }

  @Test
  void aCodeWithoutOneSentFirstIsExpiredAndSignsNobodyIn() {
    long item = items.get(2);
    String code = codeIn(sms.get(item).get(FGW_LIAISON));
    JsonObject problem = ok(confirm(server, code, "123456"), 401);
    assertThat(problem.getString("type")).isEqualTo("/problems/otp-expired");
    assertThat(row(server, code).get("used_at")).isNull();
  }
}
