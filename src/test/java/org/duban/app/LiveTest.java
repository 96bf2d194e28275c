package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The phone listens on /live: what the sponsor does shows on the open item and in my items without a reload. */
class LiveTest extends PhoneTest {
  static final String TITLE = "主干道积水点排查整改";

  long itemId() {
    var items = server.get("/items?status=open", server.tokenOf("fgw")).bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(i -> i.getString("title").contains(TITLE))
        .findFirst().orElseThrow().getLong("id");
  }

  long leadUnit(long id) {
    return server.get("/items/" + id, server.tokenOf("keshi1")).bodyAsJsonObject().getJsonArray("units").getJsonObject(0).getLong("unitId");
  }

  void report(long id, String text) {
    var answer = server.request(HttpMethod.POST, "/items/" + id + "/reports", server.tokenOf("fgw"))
        .putHeader("Idempotency-Key", "live-" + UUID.randomUUID()).sendJsonObject(new JsonObject().put("text", text)).await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(200, 201);
  }

  void returnIt(long id, String reason) {
    var answer = server.send(HttpMethod.POST, "/items/" + id + "/return", server.tokenOf("keshi1"),
        new JsonObject().put("unitId", leadUnit(id)).put("reason", reason));
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
  }

  Locator messages(String text) {
    return page.locator("duban-message").filter(new Locator.FilterOptions().setHasText(text));
  }

  @Test
  void aReturnShowsOnTheOpenItemAndInMyItemsWithoutAReload() {
    long id = itemId();
    report(id, "已完成 12 处积水点排查，整改方案随后报送");

    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(TITLE)).click();
    assertThat(page.locator("duban-item h1")).containsText(TITLE);
    assertThat(messages("已完成 12 处积水点排查")).hasCount(1);
    assertThat(messages("已完成 12 处积水点排查")).containsText("待审核");
    // a mark on this page: a reload would lose it
    page.evaluate("() => { window.liveTestMark = true; }");

    // the sponsor returns it: the open thread shows the return, its reason, and the report as returned
    returnIt(id, "请补充每处积水点的整改责任人和完成时限");
    assertThat(messages("请补充每处积水点的整改责任人")).hasCount(1);
    assertThat(messages("请补充每处积水点的整改责任人")).containsText("退回");
    assertThat(messages("已完成 12 处积水点排查")).containsText("被退回");
    Phone.screen(page, "item-returned-live");

    // a new report from elsewhere joins the thread too
    report(id, "已补充整改责任人和完成时限");
    assertThat(messages("已补充整改责任人和完成时限")).hasCount(1);

    // my items: the badge follows a second return while the list is shown
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("‹ 返回")).click();
    Locator card = page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(TITLE));
    assertThat(card.locator(".badge.returned")).hasText("被退回");
    returnIt(id, "完成时限仍不明确");
    assertThat(card.locator(".badge.returned")).hasText("被退回 ×2");
    Phone.screenshot(page, "my-items-returned-live");
    assertThat(page.evaluate("() => window.liveTestMark === true")).as("the same page, never reloaded").isEqualTo(true);
  }

  @Test
  void aBrowserMayOfferItsTokenAsAProtocolAndHearsOnlyDubanV1Back() {
    page.navigate("/manifest.webmanifest");
    // a JWT is three base64url parts joined by dots: the browser takes it as a protocol token as it is (it throws on any other)
    @SuppressWarnings("unchecked")
    var opened = (java.util.Map<String, Object>) page.evaluate("""
        token => new Promise((resolve, reject) => {
          const ws = new WebSocket(`ws://${location.host}/live`, ['duban.v1', `duban.bearer.${token}`]);
          ws.onmessage = (e) => { resolve({ protocol: ws.protocol, first: JSON.parse(e.data).type }); ws.close(); };
          ws.onerror = () => reject(new Error('the upgrade failed'));
        })""", server.tokenOf("fgw"));
    assertThat(opened).containsEntry("protocol", "duban.v1").containsEntry("first", "authenticated");
  }
}
