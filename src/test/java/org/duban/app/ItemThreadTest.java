package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonArray;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;


import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** An item as a conversation, and reports from the phone: stored once, shown as text, queued while offline. */
class ItemThreadTest extends PhoneTest {


  long openFirstItem(String login) {
    Phone.signIn(page, login, DemoData.PASSWORD);
    page.locator("duban-item-card").first().click();
    assertThat(page.locator("duban-item h1")).isVisible();
    return Long.parseLong(page.url().replaceAll(".*#/items/", ""));
  }

  @Test
  void anItemOpensAsAThreadWithItsHeader() {
    long id = openFirstItem("fgw");
    assertThat(page.locator("duban-item h1")).hasText("市长批示：主干道积水点排查整改");
    assertThat(page.locator("duban-item .head")).containsText("ZH1-2026-0001");
    assertThat(page.locator("duban-item .head")).containsText("已逾期");
    assertThat(page.locator("duban-item .head")).containsText("市发展和改革委员会");
    assertThat(page.locator("duban-item .head")).containsText("市政府办公室综合一科");
    assertThat(page.locator("duban-message").first()).containsText("立项");
    assertThat(page.locator("duban-message").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("交办"))).hasCount(1);
    Phone.screen(page, "item-thread");
    assertThat(id).isPositive();
    // back to the list
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("‹ 返回")).click();
    assertThat(page.locator("duban-item-card")).hasCount(2);
  }

  @Test
  void aTextReportIsStoredOnceAndItsHtmlShowsAsText() {
    long id = openFirstItem("fgw");
    int before = reports(id).size();
    String text = "积水点清单已报送 <img src=x onerror=alert(1)><script>alert(2)</script>";
    page.onDialog(d -> errors.add("a dialog opened: " + d.message()));
    page.getByLabel("反馈内容").fill(text);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送反馈")).click();
    assertThat(page.locator("duban-message .text").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("积水点清单已报送"))).hasText(text);
    assertThat(page.locator("duban-message img")).hasCount(0);
    assertThat(page.locator("[data-queued]")).hasCount(0);
    JsonArray stored = reports(id);
    assertThat(stored).hasSize(before + 1);
    assertThat(stored.getJsonObject(stored.size() - 1).getString("text")).isEqualTo(text);
    // the newest message is at the bottom of the thread, in view above the composer, not under it
    var sent = page.locator("duban-message").last().boundingBox();
    var composer = page.locator("duban-composer").boundingBox();
    assertThat(sent.y + sent.height).as("the sent report's bottom").isLessThanOrEqualTo(composer.y + 1);
    assertThat(sent.y).as("the sent report's top").isGreaterThanOrEqualTo(0);
    Phone.screen(page, "item-report-sent");
  }

  @Test
  void atTwiceTheTextSizeTheComposerIsOneLineUntilUsedAndTheThreadShowsAboveIt() {
    openFirstItem("fgw");
    page.evaluate("document.documentElement.style.fontSize = '200%'");
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)");
    Locator composer = page.locator("duban-composer");
    Locator send = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送反馈"));
    assertThat(send).isHidden();
    var folded = composer.boundingBox();
    assertThat(folded.height).as("the folded composer's height at 200 %").isLessThan(780 * 0.15);
    // the thread's newest entry shows whole above it
    var last = page.locator("duban-message").last().boundingBox();
    assertThat(last.y + last.height).isLessThanOrEqualTo(folded.y + 1);
    assertThat(last.y).isGreaterThanOrEqualTo(52);
    Phone.screen(page, "item-200-percent-composer");

    // a tap opens it whole: the pickers and the send button
    page.getByLabel("反馈内容").click();
    assertThat(send).isVisible();
    assertThat(composer.locator("label").filter(new Locator.FilterOptions().setHasText("拍照"))).isVisible();
    Phone.screen(page, "item-200-percent-composer-open");
    // a tap on the thread folds it again while nothing is written
    page.mouse().click(180, 200);
    assertThat(send).isHidden();
    // what is written keeps it open
    page.getByLabel("反馈内容").fill("已完成 12 处");
    page.mouse().click(180, 200);
    assertThat(send).isVisible();
    assertThat(page.getByLabel("反馈内容")).hasValue("已完成 12 处");
  }

  @Test
  void offlineTheReportWaitsAndGoesExactlyOnceWhenBackOnline() {
    long id = openFirstItem("fgw");
    int before = reports(id).size();
    context.setOffline(true);
    assertThat(page.getByText("当前离线")).isVisible();
    page.getByLabel("反馈内容").fill("离线时写的进展：已完成 12 处积水点排查");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送反馈")).click();
    assertThat(page.locator("[data-queued]")).containsText("等待发送");
    Phone.screen(page, "item-waiting-to-send");
    assertThat(reports(id)).hasSize(before);

    // kept across a reload too: the queue is in IndexedDB, with its idempotency key
    context.setOffline(false);
    assertThat(page.locator("[data-queued]")).hasCount(0);
    assertThat(page.locator("duban-message .text").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("离线时写的进展"))).hasCount(1);
    JsonArray stored = reports(id);
    assertThat(stored).hasSize(before + 1);
    assertThat(stored.stream().filter(r -> ((io.vertx.core.json.JsonObject) r).getString("text").startsWith("离线时写的进展")).count()).isEqualTo(1);
  }
}
