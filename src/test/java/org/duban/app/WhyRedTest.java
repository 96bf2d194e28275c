package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** "Why is it red?" on the demo's overdue item: the rule, the node and deadline, the reminders, what stops them. */
class WhyRedTest extends PhoneTest {

  Locator section(String key) {
    return page.locator("duban-why [data-section=" + key + "]");
  }

  /** The explanation at the top of the screen, below the app's bar. */
  void showWhy() {
    page.locator("duban-why").evaluate("el => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -60); }");
  }

  @Test
  void theOverdueItemSaysWhyItIsRedAndWhatWouldStopTheReminders() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    page.locator("duban-item-card").first().click();
    Locator why = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("为什么是红灯？"));
    assertThat(why).hasAttribute("aria-expanded", "false");
    why.click();
    assertThat(why).hasAttribute("aria-expanded", "true");
    assertThat(section("light")).containsText("本单位的反馈已过时限");
    assertThat(section("light")).containsText("已逾期 20 小时");
    assertThat(section("deadline")).containsText("时限");
    assertThat(section("sent")).isVisible();
    assertThat(section("next")).isVisible();
    assertThat(section("stop")).containsText("现在报送反馈，逾期催办随即停止");
    String text = page.locator("duban-why").innerText();
    showWhy();
    Phone.screen(page, "item-why-red");
    // the reminders the server holds for the item show with their rules
    var reminders = server.get("/items/" + page.url().replaceAll(".*#/items/", "") + "/reminders", server.tokenOf("fgw"))
        .bodyAsJsonObject().getJsonArray("items");
    if (reminders.stream().anyMatch(m -> "planned".equals(((io.vertx.core.json.JsonObject) m).getString("state")))) {
      assertThat(section("next")).containsText("依据 R");
    }
    assertThat(text).doesNotContain("undefined").doesNotContain("null");
    why.click();
    assertThat(section("light")).hasCount(0);
  }

  @Test
  void atTwiceTheTextSizeTheItemWithItsNewPiecesFitsAndEveryTargetIsBigEnough() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    page.locator("duban-item-card").nth(1).click();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("为什么是绿灯？")).click();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("申请延期")).click();
    page.evaluate("document.documentElement.style.fontSize = '200%'");
    assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= 360")).as("no sideways scrolling at 360 px").isTrue();
    assertThat(Phone.smallTapTargets(page)).as("tap targets under 44 px").isEmpty();
    page.locator("duban-steps").evaluate("el => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -110); }");
    Phone.screen(page, "item-200-percent");
  }

  @Test
  void inEnglishTooAndTheGreenItemSaysItIsGreen() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
    page.locator("duban-item-card").nth(1).click();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Why is it green?")).click();
    assertThat(section("light")).containsText("More than 24 hours to the deadline");
    assertThat(section("deadline")).containsText("Time node 7 days");
    assertThat(section("stop")).containsText("Report before the deadline");
    showWhy();
    Phone.screen(page, "item-why-green-en");
  }
}
