package org.duban.app;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.support.Links4Test;
import org.duban.support.RelayReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Links4Test.FGW_LIAISON;
import static org.duban.support.Links4Test.codeIn;

/**
 * From the SMS to the item where the policy asks for a one-time code ({@code auth.linkSignIn: code}):
 * the link asks for the six digits sent to the phone, says when they are wrong, and then opens the item.
 */
class SmsLinkCodeTest extends PhoneTest {
  static final Pattern OTP = Pattern.compile("登录验证码 (\\d{6})");
  static final String TITLE = "短信验证码：主干道积水点排查整改";
  static final String OTHER = "短信验证码：改用密码登录";
  final RelayReceiver relay = new RelayReceiver();
  Drill drill;
  long item;
  String link;
  String otherLink;

  @Override
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>(Drill.settings(relay));
    settings.put("app.publicUrl", Links4Test.PUBLIC_URL);
    settings.put("auth.linkSignIn", "code");
    return settings;
  }

  @BeforeAll
  void sendTheFirstReminder() {
    drill = Drill.on(server, relay);
    var sms = Links4Test.firstReminders(drill, List.of(TITLE, OTHER));
    List<Long> items = List.copyOf(sms.keySet());
    item = items.get(0);
    link = "/m#" + codeIn(sms.get(item).get(FGW_LIAISON));
    otherLink = "/m#" + codeIn(sms.get(items.get(1)).get(FGW_LIAISON));
  }

  @AfterAll
  void stopTheRelay() {
    relay.close();
  }

  String codeSent() {
    Await.until("the one-time code's SMS", () -> drill.receivedFor(item).stream().anyMatch(m -> OTP.matcher(m.getString("text")).find()),
        Duration.ofSeconds(15));
    JsonObject sms = drill.receivedFor(item).stream().filter(m -> OTP.matcher(m.getString("text")).find()).findFirst().orElseThrow();
    Matcher m = OTP.matcher(sms.getString("text"));
    m.find();
    return m.group(1);
  }

  @Test
  void theLinkAsksForTheCodeSentToThePhoneThenOpensTheItem() {
    page.navigate(link);
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("输入短信验证码"))).isVisible();
    assertThat(page.getByText("已发送至 138****0008，10 分钟内有效。")).isVisible();
    String right = codeSent();
    Phone.screenshot(page, "sms-link-code");

    page.getByLabel("验证码（6 位数字）").fill(right.equals("000000") ? "111111" : "000000");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录").setExact(true)).click();
    assertThat(page.getByRole(AriaRole.ALERT)).hasText("验证码不正确，还可以再试 4 次。");
    Phone.screenshot(page, "sms-link-code-wrong");

    // asking again while the first code is valid sends no other, and says so
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("重新发送验证码")).click();
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("刚才发送的验证码还有");
    assertThat(drill.receivedFor(item).stream().filter(m -> OTP.matcher(m.getString("text")).find())).hasSize(1);

    page.getByLabel("验证码（6 位数字）").fill(right);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录").setExact(true)).click();
    assertThat(page.locator("duban-item h1")).hasText(TITLE);
  }

  @Test
  void signingInWithThePasswordInsteadStillOpensTheItem() {
    page.navigate(otherLink);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("用账号密码登录")).click();
    assertThat(page.getByRole(AriaRole.STATUS)).hasText("登录后将直接打开短信中的事项。");
    page.getByLabel("账号").fill("fgw");
    page.getByLabel("密码").fill(org.duban.demo.DemoData.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录").setExact(true)).click();
    assertThat(page.locator("duban-item h1")).hasText(OTHER);
  }
}
