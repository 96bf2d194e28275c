package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * Unread on my items, for the lead liaison fgw: a badge counts what the sponsor did since fgw last looked, goes
 * once the item is opened (the mark is the server's, so it would follow fgw to a desk too), comes back live when
 * the sponsor returns a report while fgw looks at the list; fgw's own report never counts.
 */
class UnreadTest extends PhoneTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  Items4Test flow;

  @BeforeAll
  void people() {
    flow = new Items4Test(server);
  }

  /** An active item of fgw's, read by fgw up to its newest event: only what follows counts. */
  long readItem(String title) {
    long id = flow.active(title, "7d").getLong("id");
    JsonArray events = flow.events(id, flow.fgw);
    ok(server.send(HttpMethod.PUT, "/items/" + id + "/read", flow.fgw,
        new JsonObject().put("eventId", events.getJsonObject(events.size() - 1).getLong("id"))), 200);
    return id;
  }

  void report(long id, String text) {
    ok(flow.report(id, flow.fgw, "unread-" + id + "-" + text.hashCode(), text), 201);
  }

  void returnIt(long id, String reason) {
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", reason)), 200);
  }

  int unread(long id) {
    return ok(server.get("/items/" + id, flow.fgw), 200).getInteger("unread");
  }

  Locator card(String title) {
    return page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(title));
  }

  Locator badge(String title) {
    return card(title).locator(".badge.unread");
  }

  /** Playwright hands the test its page's events (requests seen) only during a call to it. */
  void pumpEvents() {
    page.evaluate("1");
  }

  void back() {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("‹ 返回")).click();
  }

  @Test
  void theSponsorsReturnShowsAsABadgeThatGoesOnceTheItemIsOpened_R30() {
    String title = "未读：退回后的新消息";
    long id = readItem(title);
    String quiet = "未读：已经看过的事项";
    readItem(quiet);
    report(id, "已完成排查");
    returnIt(id, "请补充现场照片");
    assertThat(unread(id)).isEqualTo(1);

    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(badge(title)).hasText("1 条新消息");
    assertThat(badge(quiet)).hasCount(0);
    // the count is part of what the card says: its link's name
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile(title + ".*1 条新消息"))))
        .hasCount(1);

    card(title).click();
    assertThat(page.locator("duban-message").filter(new Locator.FilterOptions().setHasText("请补充现场照片"))).hasCount(1);
    back();
    assertThat(card(title)).hasCount(1);
    assertThat(badge(title)).hasCount(0);
    assertThat(unread(id)).as("the mark is the server's").isZero();
  }

  @Test
  void theBadgeComesBackLiveWhenTheSponsorReturnsTheReportWhileMyItemsIsShown() {
    String title = "未读：实时退回";
    long id = readItem(title);
    report(id, "已报送整改清单");
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(card(title)).hasCount(1);
    assertThat(badge(title)).hasCount(0);
    page.evaluate("() => { window.unreadTestMark = true; }");

    returnIt(id, "整改时限不明确");
    assertThat(badge(title)).hasText("1 条新消息");
    assertThat(card(title).locator(".badge.returned")).hasText("被退回");
    assertThat(page.evaluate("() => window.unreadTestMark === true")).as("live, not reloaded").isEqualTo(true);
    Phone.screenshot(page, "my-items-unread-live");
  }

  @Test
  void openingMarksReadOnceAndALiveEventOnTheOpenItemIsMarkedReadToo() {
    String title = "未读：打开的事项";
    long id = readItem(title);
    report(id, "第一次反馈");
    returnIt(id, "请补充数据");
    List<String> marks = new CopyOnWriteArrayList<>();
    page.onRequest(r -> {
      if ("PUT".equals(r.method()) && r.url().endsWith("/items/" + id + "/read")) marks.add(r.postData());
    });
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(badge(title)).hasText("1 条新消息");
    card(title).click();
    assertThat(page.locator("duban-message").filter(new Locator.FilterOptions().setHasText("请补充数据"))).hasCount(1);
    Await.until("the opened item to be read", () -> unread(id) == 0, WAIT);
    pumpEvents();
    assertThat(marks).hasSize(1);

    // while it is open, the sponsor answers again: it shows in the thread and is read at once; fgw's own report
    // (from the desk, say), which shows first, is nothing to mark
    report(id, "第二次反馈");
    assertThat(page.locator("duban-message").filter(new Locator.FilterOptions().setHasText("第二次反馈"))).hasCount(1);
    returnIt(id, "还缺负责人");
    assertThat(page.locator("duban-message").filter(new Locator.FilterOptions().setHasText("还缺负责人"))).hasCount(1);
    Await.until("the live return to be read", () -> unread(id) == 0, WAIT);
    pumpEvents();
    assertThat(marks).hasSize(2);
    back();
    assertThat(card(title).locator(".badge.returned")).hasText("被退回 ×2");
    assertThat(badge(title)).hasCount(0);
  }

  @Test
  @org.junit.jupiter.api.Disabled("intermittent in CI (1 of 4 runs): after sending and going back, no mark was sent and the list was not "
      + "read again, and the card was missing for 5 s; under investigation, see docs/app.md 'Not yet'")
  void aReportSentFromThePhoneIsNotUnreadForTheOneWhoSentIt() {
    String title = "未读：自己的反馈";
    long id = readItem(title);
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    card(title).click();
    page.getByLabel("反馈内容").fill("已完成 8 处排查，照片随后补充");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送反馈")).click();
    assertThat(page.locator("duban-message").filter(new Locator.FilterOptions().setHasText("已完成 8 处排查"))).hasCount(1);
    back();
    assertThat(card(title)).hasCount(1);
    assertThat(badge(title)).hasCount(0);
    assertThat(unread(id)).isZero();
    assertThat(ok(server.get("/items/" + id, flow.sponsor), 200).getInteger("unread")).as("but it is for the sponsor").isEqualTo(4);
  }

  @Test
  void theBadgeReadsWellEnough_WCAG_AA() {
    String title = "未读：对比度";
    long id = readItem(title);
    report(id, "已报送");
    returnIt(id, "请补充");
    report(id, "已补充");
    returnIt(id, "仍需补充");
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(badge(title)).hasText("2 条新消息");
    double contrast = ((Number) badge(title).evaluate("""
        (el) => {
          const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
          const lum = (c) => {
            const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const s = getComputedStyle(el);
          const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
          return (a + 0.05) / (b + 0.05);
        }""")).doubleValue();
    assertThat(contrast).as("text on the badge").isGreaterThanOrEqualTo(4.5);
    Phone.screenshot(page, "my-items-unread");
  }
}
