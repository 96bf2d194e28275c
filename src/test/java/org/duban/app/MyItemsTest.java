package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.duban.support.Items4Test;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/** My items on the demo: most urgent first, the right lights, countdowns that tick, unread and returned badges, filters, the empty state. */
class MyItemsTest extends PhoneTest {

  Locator cards() {
    return page.locator("duban-item-card");
  }

  @Test
  void theOverdueItemComesFirstInRedThenTheQuietOneInGreen() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(cards()).hasCount(2);
    assertThat(cards().nth(0)).containsText("主干道积水点排查整改");
    assertThat(cards().nth(0).locator("duban-light")).hasAttribute("light", "red");
    assertThat(cards().nth(0)).containsText("已逾期 20 小时");
    assertThat(cards().nth(1)).containsText("优化营商环境");
    assertThat(cards().nth(1).locator("duban-light")).hasAttribute("light", "green");
    assertThat(cards().nth(1)).containsText("6 天 23 小时后到期");
    Phone.screenshot(page, "my-items");
  }

  @Test
  void aReturnTheLiaisonHasNotSeenIsCountedOnItsCardAndANewAssignmentToo_R30() {
    Items4Test flow = new Items4Test(server);
    JsonObject overdue = row(flow, "主干道积水点排查整改");
    long id = overdue.getLong("id");
    JsonArray events = flow.events(id, flow.fgw);
    ok(server.send(HttpMethod.PUT, "/items/" + id + "/read", flow.fgw,
        new JsonObject().put("eventId", events.getJsonObject(events.size() - 1).getLong("id"))), 200);
    ok(flow.report(id, flow.fgw, "my-items-badges-1", "已排查 12 处积水点，清单见附件"), 201);
    ok(flow.post("/items/" + id + "/return", flow.sponsor,
        new JsonObject().put("unitId", flow.fgwUnit).put("reason", "请补充每处积水点的整改责任人")), 200);

    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(cards()).hasCount(2);
    assertThat(cards().nth(0).locator(".badge.unread")).hasText("1 条新消息");
    assertThat(cards().nth(0).locator(".badge.returned")).hasText("被退回");
    // never opened since it was assigned: its registration, approval and two assignments
    assertThat(cards().nth(1).locator(".badge.unread")).hasText("4 条新消息");
    Phone.screenshot(page, "my-items-badges");
  }

  @Test
  void eachCardNamesTheNextReminderItsPersonWillGet_R13() {
    Items4Test flow = new Items4Test(server);
    long id = row(flow, "优化营商环境").getLong("id");
    JsonObject next = ok(server.get("/items/" + id + "/reminders", flow.fgw), 200).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(m -> "planned".equals(m.getString("state")))
        .min(java.util.Comparator.comparing((JsonObject m) -> m.getString("sendAt")).thenComparing(m -> m.getString("key")))
        .orElseThrow();
    String when = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm")
        .format(java.time.Instant.parse(next.getString("sendAt")).atZone(java.time.ZoneId.of("Asia/Shanghai")));
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    // the line comes with the live snapshot, which names each item's next reminder for this person
    assertThat(cards().nth(1).locator(".next")).containsText("下次提醒 " + when + "：");
    // a list read through the API after the snapshot (a refresh) keeps what the socket named
    page.waitForResponse(r -> r.url().contains("/items?") && r.status() == 200,
        () -> page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("刷新")).click());
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("刷新"))).isEnabled();
    assertThat(cards().nth(1).locator(".next")).containsText("下次提醒 " + when + "：");
  }

  JsonObject row(Items4Test flow, String title) {
    return ok(server.get("/items", flow.fgw), 200).getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("title").contains(title)).findFirst().orElseThrow();
  }

  @Test
  void theItemDueWithinHoursIsYellowAndItsCountdownTicks() {
    page.clock().install();
    Phone.signIn(page, "zjj", DemoData.PASSWORD);
    assertThat(cards()).hasCount(2);
    assertThat(cards().nth(0)).containsText("老旧小区雨季排水隐患排查");
    assertThat(cards().nth(0).locator("duban-light")).hasAttribute("light", "yellow");
    Locator countdown = cards().nth(0).locator("duban-countdown");
    assertThat(countdown).containsText(java.util.regex.Pattern.compile("^5 小时 5\\d 分后到期$"));
    String before = countdown.innerText();
    // two minutes on the phone's clock: the wording follows without a reload
    page.clock().runFor(120_000);
    assertThat(countdown).not().hasText(before);
    assertThat(countdown).containsText("后到期");
    Phone.screenshot(page, "my-items-yellow");
  }

  @Test
  void filtersNarrowTheListAndAnEmptyListSaysWhatToExpect() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(cards()).hasCount(2);
    page.getByLabel("板块").selectOption("continuous");
    assertThat(page.getByText("暂时没有事项")).isVisible();
    assertThat(page.getByText("最紧急的排在最前")).isVisible();
    Phone.screenshot(page, "my-items-empty");
    page.getByLabel("板块").selectOption("");
    assertThat(cards()).hasCount(2);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("刷新")).click();
    assertThat(cards()).hasCount(2);
  }

  @Test
  void atTwiceTheTextSizeNothingIsCutOff() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(cards()).hasCount(2);
    page.evaluate("document.documentElement.style.fontSize = '200%'");
    // nothing wider than the phone: no sideways scrolling at 360 px
    assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
    // every control is at least 44 px high and wide
    assertThat(Phone.smallTapTargets(page)).as("tap targets under 44 px").isEmpty();
    Phone.screenshot(page, "my-items-200-percent");
  }
}
