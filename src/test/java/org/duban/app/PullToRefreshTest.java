package org.duban.app;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import org.duban.demo.DemoData;
import org.duban.support.Items4Test;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pull to refresh on my items, with a finger (touch events through the DevTools protocol, as a phone's screen
 * sends them): a pull from the top re-reads the list, a small indicator shows while it reads, a second pull or a tap
 * meanwhile reads nothing more, and the browser's own pull-to-reload is kept out. The live socket is cut for the
 * test, so what appears can only have come from the pull.
 */
class PullToRefreshTest extends PhoneTest {
  static final String NEW_TITLE = "下拉刷新后出现的事项";

  CDPSession finger;

  void touch(String type, double x, double y) {
    JsonObject event = new JsonObject();
    event.addProperty("type", type);
    JsonArray points = new JsonArray();
    if (!"touchEnd".equals(type)) {
      JsonObject point = new JsonObject();
      point.addProperty("x", x);
      point.addProperty("y", y);
      points.add(point);
    }
    event.add("touchPoints", points);
    finger.send("Input.dispatchTouchEvent", event);
  }

  /** A finger down at {@code fromY}, moved down in steps to {@code toY}; lifted unless {@code hold}. */
  void pull(double fromY, double toY, boolean hold) {
    touch("touchStart", 180, fromY);
    for (double y = fromY + 20; y <= toY; y += 20) touch("touchMove", 180, y);
    if (!hold) touch("touchEnd", 180, toY);
  }

  Locator indicator() {
    return page.locator("duban-items .pull");
  }

  @Test
  void aPullFromTheTopReadsTheItemsAgainOnceWithAnIndicator() {
    // no live socket: it would bring the new item by itself
    page.routeWebSocket("**/live", ws -> { });
    List<Route> held = new CopyOnWriteArrayList<>();
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    Locator cards = page.locator("duban-item-card");
    assertThat(cards.first()).isVisible();
    int before = cards.count();
    assertThat(page.evaluate("getComputedStyle(document.documentElement).overscrollBehaviorY")).isEqualTo("contain");

    new Items4Test(server).active(NEW_TITLE, "7d");
    // every read of my items from now on waits until the test lets it through
    page.route(url -> url.contains("/items?"), held::add);
    finger = context.newCDPSession(page);

    // a short pull does nothing
    pull(200, 260, false);
    assertThat(indicator()).hasText("");
    assertThat(held).isEmpty();

    pull(200, 400, true);
    assertThat(indicator()).containsText("松开刷新");
    Phone.screen(page, "my-items-pull");
    touch("touchEnd", 180, 400);
    assertThat(indicator()).containsText("正在刷新…");
    Phone.screen(page, "my-items-pull-reading");
    assertThat(held).hasSize(1);

    // while it reads: another pull, and the button, read nothing more
    pull(200, 400, false);
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("刷新"))).isDisabled();
    assertThat(held).hasSize(1);
    assertThat(page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(NEW_TITLE))).hasCount(0);

    held.get(0).resume();
    assertThat(page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(NEW_TITLE))).hasCount(1);
    assertThat(cards).hasCount(before + 1);
    assertThat(indicator()).hasText("");
    assertThat(held).hasSize(1);
  }

  @Test
  void aPullWithThePageScrolledDownScrollsAndReadsNothing() {
    page.routeWebSocket("**/live", ws -> { });
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(page.locator("duban-item-card").first()).isVisible();
    // a page long enough to scroll
    page.evaluate("document.documentElement.style.fontSize = '300%'");
    page.evaluate("window.scrollTo(0, 400)");
    List<String> reads = new CopyOnWriteArrayList<>();
    page.onRequest(r -> {
      if (r.url().contains("/items?")) reads.add(r.url());
    });
    finger = context.newCDPSession(page);
    pull(200, 400, true);
    assertThat(indicator()).hasText("");
    touch("touchEnd", 180, 400);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("刷新")).click();
    assertThat(indicator()).hasText("");
    assertThat(reads).as("only the tap's read").hasSize(1);
  }
}
