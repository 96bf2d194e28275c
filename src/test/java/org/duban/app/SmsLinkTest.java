package org.duban.app;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.duban.support.Drill;
import org.duban.support.Links4Test;
import org.duban.support.RelayReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Links4Test.FGW_LIAISON;
import static org.duban.support.Links4Test.codeIn;
import static org.duban.support.Links4Test.sessions;

/**
 * From the SMS to the item (R60): the link at the end of a reminder SMS opens its item's conversation
 * on the phone, signed in, once; opened again, on another phone, it signs nobody in and says so.
 */
class SmsLinkTest extends PhoneTest {
  static final List<String> TITLES = List.of("短信链接：主干道积水点排查整改", "短信链接：已登录时打开");
  final RelayReceiver relay = new RelayReceiver();
  Map<Long, Map<String, JsonObject>> sms;
  List<Long> items;

  @Override
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>(Drill.settings(relay));
    settings.put("app.publicUrl", Links4Test.PUBLIC_URL);
    return settings;
  }

  @BeforeAll
  void sendTheFirstReminders() {
    sms = Links4Test.firstReminders(Drill.on(server, relay), TITLES);
    items = List.copyOf(sms.keySet());
  }

  @AfterAll
  void stopTheRelay() {
    relay.close();
  }

  /** The link as the SMS has it, opened on this test's server: the same path and fragment. */
  String linkOf(int item) {
    return "/m#" + codeIn(sms.get(items.get(item)).get(FGW_LIAISON));
  }

  @Test
  void theSmsLinkOpensTheItemOnceAndNotTwice() {
    String link = linkOf(0);
    page.navigate(link);
    assertThat(page.locator("duban-item h1")).hasText(TITLES.get(0));
    // the code left the address bar: it is neither in the history nor in a shared address
    assertThat(page.url()).endsWith("/#/items/" + items.get(0)).doesNotContain(link.substring(3));
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("退出"))).isVisible();
    Phone.screen(page, "sms-link-opens-item");

    // the same link again, on another phone: it signs nobody in, and says so
    BrowserContext other = phone.context();
    try {
      Page again = phone.open(other, errors);
      again.navigate(link);
      assertThat(again.getByRole(AriaRole.STATUS)).containsText("此链接已失效，请登录");
      assertThat(again.getByRole(AriaRole.STATUS)).containsText("登录后将直接打开短信中的事项");
      assertThat(again.getByLabel("账号")).isVisible();
      assertThat(again.url()).doesNotContain(link.substring(3));
      Phone.screenshot(again, "sms-link-used");
      // signing in the usual way opens the item the link named
      again.getByLabel("账号").fill("fgw");
      again.getByLabel("密码").fill(DemoData.PASSWORD);
      again.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
      assertThat(again.locator("duban-item h1")).hasText(TITLES.get(0));
    } finally {
      other.close();
    }
  }

  @Test
  void signedInAlreadyTheLinkJustOpensTheItemInTheSameSession() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(page.locator("duban-item-card").first()).isVisible();
    long fgw = server.get("/me", server.tokenOf("fgw")).bodyAsJsonObject().getLong("id");
    long before = sessions(server, fgw);
    page.navigate(linkOf(1));
    assertThat(page.locator("duban-item h1")).hasText(TITLES.get(1));
    assertThat(sessions(server, fgw)).isEqualTo(before);
    // back goes to my items, as from any item
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("‹ 返回")).click();
    assertThat(page.locator("duban-item-card").first()).isVisible();
  }

  @Test
  void aMadeUpLinkShowsTheSignInScreenWithoutPromisingAnItem() {
    page.navigate("/m#NotARealCode0000");
    assertThat(page.getByRole(AriaRole.STATUS)).hasText("此链接已失效，请登录。");
    assertThat(page.getByLabel("账号")).isVisible();
    assertThat(page.url()).doesNotContain("NotARealCode0000");
  }
}
