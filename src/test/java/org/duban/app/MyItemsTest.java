package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** My items on the demo: most urgent first, the right lights, countdowns that tick, filters, the empty state. */
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
    Object small = page.evaluate("""
        () => {
          const all = [];
          const walk = (root) => root.querySelectorAll('*').forEach((el) => {
            if (el.shadowRoot) walk(el.shadowRoot);
            if (['BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'A'].includes(el.tagName)) all.push(el);
          });
          walk(document);
          return all.filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.height < 44 || r.width < 44); })
            .map((el) => el.tagName + ' ' + el.textContent.trim().slice(0, 20));
        }""");
    assertThat((List<?>) small).as("tap targets under 44 px").isEmpty();
    Phone.screenshot(page, "my-items-200-percent");
  }
}
